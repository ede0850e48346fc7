package io.adamant.training;

import java.util.ArrayList;
import java.util.List;

import io.adamant.NativeDefaults;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.job.Activation;
import io.adamant.job.ClippingSpec;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import io.adamant.job.TrainingSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the service's telemetry costs over a bare DL4J {@code fit} loop: the same network
 * and data (Adam, no clipping) trained with no listener, with the monitor measuring
 * network-wide figures only, and with full per-layer telemetry; divergence checks on.
 * Rounds interleave the variants; medians are printed with their ratios. Run with
 * {@code bench/telemetry-overhead.sh}.
 */
public final class TelemetryOverheadBenchmark {

	private static final int ROUNDS = 21;

	private TelemetryOverheadBenchmark() {
	}

	public static void main(String[] args) {
		NativeDefaults.apply();
		System.out.printf("cores=%d OMP_NUM_THREADS=%s%n%n", Runtime.getRuntime().availableProcessors(),
				System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
		System.out.println("| model | batch | bare DL4J samples/s | monitor, network-wide | full telemetry | "
				+ "network-wide / bare | full / bare |");
		System.out.println("|---|---|---|---|---|---|---|");
		run("MLP 20→50→10", 20, List.of(50), 10, 64, 300);
		run("MLP 20→50→10", 20, List.of(50), 10, 1024, 40);
		run("MLP 784→512→512→10", 784, List.of(512, 512), 10, 128, 25);
	}

	private static void run(String name, int inputs, List<Integer> hidden, int outputs, int batch, int iterations) {
		DatasetInfo dataset = DatasetInfo.tabular("bench", DatasetTask.REGRESSION, inputs, outputs, batch, true,
				List.of(), "bench", "bench");
		JobSpec spec = TestSpecs.spec(
				new ModelSpec.Mlp(hidden.stream().map(u -> new ModelSpec.DenseLayer(u, Activation.RELU)).toList(),
						null),
				new OptimizerSpec.Adam(1e-3, 0.9, 0.999, 1e-8), new ClippingSpec.None(),
				new TrainingSpec(1, batch, 42L, 0.0));
		// co-prime counts of feature and label batches keep the gradients from vanishing
		List<INDArray> features = batches(8, batch, inputs);
		List<INDArray> labels = batches(7, batch, outputs);
		MultiLayerNetwork bare = network(spec, dataset);
		MultiLayerNetwork networkWide = network(spec, dataset);
		MultiLayerNetwork full = network(spec, dataset);
		attach(networkWide, spec, false);
		attach(full, spec, true);
		double[][] rates = new double[3][ROUNDS];
		MultiLayerNetwork[] variants = { bare, networkWide, full };
		for (MultiLayerNetwork network : variants) {
			fit(network, features, labels, iterations / 2);
		}
		for (int round = 0; round < ROUNDS; round++) {
			// rotate the order so that no variant always runs first or last
			for (int k = 0; k < variants.length; k++) {
				int v = (round + k) % variants.length;
				long start = System.nanoTime();
				fit(variants[v], features, labels, iterations);
				rates[v][round] = (double) iterations * batch / ((System.nanoTime() - start) / 1e9);
			}
		}
		// ratios are taken round by round (neighbours in time share the machine's noise),
		// then their median
		System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.3f | %.3f |%n", name, batch, Medians.of(rates[0]),
				Medians.of(rates[1]), Medians.of(rates[2]), Medians.of(ratios(rates[1], rates[0])),
				Medians.of(ratios(rates[2], rates[0])));
	}

	private static void attach(MultiLayerNetwork network, JobSpec spec, boolean perLayer) {
		TrainingMonitor monitor = new TrainingMonitor(network, spec.clipping(), spec.divergence(), perLayer);
		network.setListeners(monitor);
		monitor.startEpoch(1);
	}

	private static void fit(MultiLayerNetwork network, List<INDArray> features, List<INDArray> labels, int iterations) {
		for (int i = 0; i < iterations; i++) {
			try {
				network.fit(features.get(i % features.size()), labels.get(i % labels.size()));
			}
			catch (Anomaly.Rejected rejected) {
				// a rejected step costs as much as a taken one up to the rejection; count
				// it
			}
		}
	}

	private static MultiLayerNetwork network(JobSpec spec, DatasetInfo dataset) {
		MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.configure(spec, dataset, 1));
		network.init();
		return network;
	}

	private static List<INDArray> batches(int count, int rows, int columns) {
		Nd4j.getRandom().setSeed(count);
		List<INDArray> batches = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			batches.add(Nd4j.randn(DataType.FLOAT, rows, columns));
		}
		return batches;
	}

	private static double[] ratios(double[] numerators, double[] denominators) {
		double[] ratios = new double[numerators.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = numerators[i] / denominators[i];
		}
		return ratios;
	}

}
