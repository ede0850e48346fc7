package io.adamant.training;

import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Writes a network in {@link ModelSerializer}'s zip format (configuration, parameters,
 * updater state and normaliser), readable by
 * {@link ModelSerializer#restoreMultiLayerNetworkAndNormalizer}.
 *
 * <p>
 * {@code ModelSerializer.writeModel} with a normaliser cannot be used: the normaliser
 * serializer closes the zip stream, and with the commons-io our other dependencies need
 * (2.13+) the flush that follows fails instead of being ignored.
 */
final class CheckpointWriter {

	/** The zip entry holding the training thread's random-number state. */
	static final String RANDOM_STATE = "adamant-random-state.txt";

	private CheckpointWriter() {
	}

	/**
	 * Writes the checkpoint; refuses a network with a NaN or infinite parameter or
	 * optimizer state, which must never be stored.
	 */
	static void write(MultiLayerNetwork network, Normalizer<?> normalizer, Path file) throws IOException {
		if (!isFinite(network)) {
			throw new IOException("Refusing to checkpoint a network with non-finite parameters or optimizer state");
		}
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
			zip.write(network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
			writeArray(zip, ModelSerializer.COEFFICIENTS_BIN, network.params());
			INDArray updaterState = network.getUpdater().getStateViewArray();
			if (updaterState != null && updaterState.length() > 0) {
				writeArray(zip, ModelSerializer.UPDATER_BIN, updaterState);
			}
			zip.putNextEntry(new ZipEntry(ModelSerializer.NORMALIZER_BIN));
			NormalizerSerializer.getDefault().write(normalizer, new UnclosableOutputStream(zip));
			zip.closeEntry();
			// the random-number state of the training thread (dropout masks), so that a
			// resumed run draws what the interrupted one would have; ModelSerializer
			// ignores it
			zip.putNextEntry(new ZipEntry(RANDOM_STATE));
			org.nd4j.linalg.api.rng.Random random = Nd4j.getRandom();
			zip.write((random.rootState() + " " + random.nodeState()).getBytes(StandardCharsets.US_ASCII));
			zip.closeEntry();
		}
	}

	/** Restores the random-number state saved with a checkpoint, if it has one. */
	static void restoreRandomState(Path file) throws IOException {
		try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
			ZipEntry entry = zip.getEntry(RANDOM_STATE);
			if (entry == null) {
				return;
			}
			String[] states = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.US_ASCII)
				.split(" ");
			Nd4j.getRandom().setStates(Long.parseLong(states[0]), Long.parseLong(states[1]));
		}
	}

	/** Whether every parameter and every optimizer-state value is finite. */
	static boolean isFinite(MultiLayerNetwork network) {
		INDArray updaterState = network.getUpdater().getStateViewArray();
		return isFinite(network.params()) && (updaterState == null || isFinite(updaterState));
	}

	private static boolean isFinite(INDArray array) {
		return !BooleanIndexing.or(array, Conditions.isNan()) && !BooleanIndexing.or(array, Conditions.isInfinite());
	}

	private static void writeArray(ZipOutputStream zip, String entry, INDArray array) throws IOException {
		zip.putNextEntry(new ZipEntry(entry));
		DataOutputStream out = new DataOutputStream(new UnclosableOutputStream(zip));
		Nd4j.write(array, out);
		out.flush();
		zip.closeEntry();
	}

	/** Keeps writers that close their stream from closing the zip. */
	private static final class UnclosableOutputStream extends FilterOutputStream {

		UnclosableOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

}
