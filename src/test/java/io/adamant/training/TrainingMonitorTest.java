package io.adamant.training;

import java.util.List;
import java.util.stream.Stream;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.job.Activation;
import io.adamant.job.ClippingSpec;
import io.adamant.job.DatasetSpec;
import io.adamant.job.DivergenceSpec;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import io.adamant.job.TrainingSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The monitor against the ground truth SGD gives away: with learning rate 1 and no
 * momentum, the step the optimizer takes is exactly the (clipped) mean-loss gradient.
 */
class TrainingMonitorTest {

	private static final DatasetInfo DATASET = DatasetInfo.tabular("test", DatasetTask.REGRESSION, 4, 3, 10, true,
			List.of(), "test", "test");

	private final INDArray features = Nd4j.rand(DataType.FLOAT, 10, 4).subi(0.5).muli(4);

	private final INDArray labels = Nd4j.rand(DataType.FLOAT, 10, 3).muli(3);

	static Stream<ClippingSpec> clippingModes() {
		return Stream.of(new ClippingSpec.None(), new ClippingSpec.Value(0.05), new ClippingSpec.L2PerLayer(0.1),
				new ClippingSpec.L2PerParamType(0.1), new ClippingSpec.RenormalizeL2PerLayer(),
				new ClippingSpec.RenormalizeL2PerParamType(), new ClippingSpec.GlobalNorm(0.1));
	}

	@ParameterizedTest
	@MethodSource("clippingModes")
	void reportsTheGradientBeforeClippingAndTheStepAfterIt(ClippingSpec clipping) {
		Trained unclipped = trainOneStep(new ClippingSpec.None(), true);
		Trained clipped = trainOneStep(clipping, true);

		EpochTelemetry telemetry = clipped.monitor().epoch();
		assertThat(telemetry.preClipMean()).as("before clipping: the unclipped step")
			.isEqualTo(unclipped.step(), within(unclipped.step() * 1e-4));
		assertThat(telemetry.postClipMean()).as("after clipping: the step SGD(lr=1) took")
			.isEqualTo(clipped.step(), within(clipped.step() * 1e-3));
		assertThat(telemetry.clippedFraction()).isEqualTo(clipping instanceof ClippingSpec.None ? 0.0 : 1.0);
	}

	@Test
	void onTheCpuBackendReadsTheFlattenedBuffersInOnePass() {
		assertThat(trainOneStep(new ClippingSpec.None(), true).monitor().readsBuffersDirectly()).isTrue();
	}

	@Test
	void globalNormClippingMatchesAHandComputationOfClipGradNorm() {
		double threshold = 0.1;
		Trained unclipped = trainOneStep(new ClippingSpec.None(), true);
		Trained clipped = trainOneStep(new ClippingSpec.GlobalNorm(threshold), true);

		// PyTorch: g *= max_norm / (total_norm + 1e-6) when that factor is below 1
		INDArray gradient = unclipped.before().sub(unclipped.after());
		double norm = gradient.norm2Number().doubleValue();
		assertThat(norm).isGreaterThan(threshold);
		INDArray expected = gradient.mul(threshold / (norm + 1e-6));
		INDArray actual = clipped.before().sub(clipped.after());
		assertThat(actual.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-6);
		assertThat(actual.norm2Number().doubleValue()).isLessThanOrEqualTo(threshold);
	}

	@Test
	void globalNormClippingLeavesASmallGradientAlone() {
		Trained unclipped = trainOneStep(new ClippingSpec.None(), true);
		Trained clipped = trainOneStep(new ClippingSpec.GlobalNorm(1e6), true);

		assertThat(clipped.after().sub(unclipped.after()).amaxNumber().doubleValue()).isZero();
		assertThat(clipped.monitor().epoch().clippedFraction()).isZero();
	}

	@Test
	void measuresTheUpdateToParameterRatioOverallAndPerLayer() {
		Trained trained = trainOneStep(new ClippingSpec.None(), true);

		double expected = Math.log10(trained.step() / trained.after().norm2Number().doubleValue());
		assertThat(trained.monitor().epoch().updateRatioLog10()).isEqualTo(expected, within(1e-4));
		assertThat(trained.monitor().epoch().layerUpdateRatioLog10(0)).isNotNull();
		assertThat(trained.monitor().epoch().layerUpdateRatioLog10(1)).isNotNull();
		assertThat(trained.monitor().epoch().layerGradientMean(0)).isPositive();
	}

	@Test
	void withoutPerLayerTelemetryStillMeasuresTheNetwork() {
		Trained full = trainOneStep(new ClippingSpec.None(), true);
		Trained minimal = trainOneStep(new ClippingSpec.None(), false);

		assertThat(minimal.monitor().epoch().preClipMean()).isEqualTo(full.monitor().epoch().preClipMean(),
				within(1e-6));
		assertThat(minimal.monitor().epoch().updateRatioLog10()).isEqualTo(full.monitor().epoch().updateRatioLog10(),
				within(1e-4));
		assertThat(minimal.monitor().epoch().layerUpdateRatioLog10(0)).isNull();
	}

	@Test
	void rejectsANonFiniteLossBeforeTheStep() {
		MultiLayerNetwork network = network(new ClippingSpec.None());
		TrainingMonitor monitor = monitor(network, new ClippingSpec.None(), 128, true);
		INDArray before = network.params().dup();
		INDArray poisoned = this.labels.dup();
		poisoned.putScalar(0, 0, Float.NaN);

		assertThatThrownBy(() -> network.fit(this.features, poisoned)).isInstanceOf(Anomaly.Rejected.class)
			.satisfies(
					ex -> assertThat(((Anomaly.Rejected) ex).anomaly().kind()).isEqualTo(Anomaly.Kind.NON_FINITE_LOSS));

		assertThat(network.params()).isEqualTo(before);
		network.fit(this.features, this.labels);
		assertThat(network.params()).as("training goes on after a rejected step").isNotEqualTo(before);
		assertThat(monitor.epoch().iterations()).isEqualTo(1);
	}

	@Test
	void rejectsALossSpikeAgainstTheRollingWindow() {
		MultiLayerNetwork network = network(new ClippingSpec.None(), new OptimizerSpec.Sgd(1e-4));
		TrainingMonitor monitor = monitor(network, new ClippingSpec.None(), 16, true);
		for (int i = 0; i < 12; i++) {
			network.fit(this.features, this.labels);
		}
		INDArray before = network.params().dup();

		assertThatThrownBy(() -> network.fit(this.features, this.labels.mul(1000))).isInstanceOf(Anomaly.Rejected.class)
			.satisfies(ex -> {
				Anomaly anomaly = ((Anomaly.Rejected) ex).anomaly();
				assertThat(anomaly.kind()).isEqualTo(Anomaly.Kind.LOSS_SPIKE);
				assertThat(anomaly.zScore()).isGreaterThan(6);
				assertThat(anomaly.describe()).contains("loss spike");
			});
		assertThat(network.params()).isEqualTo(before);
		assertThat(monitor.epoch().iterations()).isEqualTo(12);
	}

	@Test
	void rejectsAGradientNormSpikeUnlessClippingContainsIt() {
		MultiLayerNetwork unclipped = network(new ClippingSpec.None(), new OptimizerSpec.Sgd(1e-4));
		MultiLayerNetwork clipped = network(new ClippingSpec.GlobalNorm(1e-3), new OptimizerSpec.Sgd(1e-4));
		DivergenceSpec gradientOnly = new DivergenceSpec(DivergenceSpec.Policy.FAIL, 0.0, 6.0, 16, 0.5, 5);
		for (MultiLayerNetwork network : List.of(unclipped, clipped)) {
			TrainingMonitor monitor = new TrainingMonitor(network,
					network == clipped ? new ClippingSpec.GlobalNorm(1e-3) : new ClippingSpec.None(), gradientOnly,
					true);
			network.setListeners(monitor);
			monitor.startEpoch(1);
			for (int i = 0; i < 12; i++) {
				network.fit(this.features, this.labels);
			}
		}

		assertThatThrownBy(() -> unclipped.fit(this.features, this.labels.mul(1000)))
			.isInstanceOf(Anomaly.Rejected.class)
			.satisfies(ex -> assertThat(((Anomaly.Rejected) ex).anomaly().kind())
				.isEqualTo(Anomaly.Kind.GRADIENT_NORM_SPIKE));
		clipped.fit(this.features, this.labels.mul(1000));
	}

	@Test
	void neverCheckpointsANonFiniteNetwork(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
		MultiLayerNetwork network = network(new ClippingSpec.None());
		network.params().putScalar(3, Float.NaN);

		assertThat(CheckpointWriter.isFinite(network)).isFalse();
		assertThatThrownBy(() -> CheckpointWriter.write(network,
				new org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize(), directory.resolve("bad.zip")))
			.isInstanceOf(java.io.IOException.class)
			.hasMessageContaining("non-finite");
		assertThat(directory.resolve("bad.zip")).doesNotExist();
	}

	private Trained trainOneStep(ClippingSpec clipping, boolean perLayer) {
		MultiLayerNetwork network = network(clipping);
		TrainingMonitor monitor = monitor(network, clipping, 128, perLayer);
		INDArray before = network.params().dup();
		network.fit(this.features, this.labels);
		return new Trained(monitor, before, network.params().dup());
	}

	private static TrainingMonitor monitor(MultiLayerNetwork network, ClippingSpec clipping, int window,
			boolean perLayer) {
		TrainingMonitor monitor = new TrainingMonitor(network, clipping,
				new DivergenceSpec(DivergenceSpec.Policy.FAIL, 6.0, 6.0, window, 0.5, 5), perLayer);
		network.setListeners(monitor);
		monitor.startEpoch(1);
		return monitor;
	}

	private static MultiLayerNetwork network(ClippingSpec clipping) {
		return network(clipping, new OptimizerSpec.Sgd(1.0));
	}

	static MultiLayerNetwork network(ClippingSpec clipping, OptimizerSpec optimizer) {
		JobSpec spec = TestSpecs.spec(new ModelSpec.Mlp(List.of(new ModelSpec.DenseLayer(8, Activation.TANH)), null),
				optimizer, clipping, new TrainingSpec(1, 10, 42L, 0.0));
		MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.configure(spec, DATASET, 1));
		network.init();
		return network;
	}

	private record Trained(TrainingMonitor monitor, INDArray before, INDArray after) {

		double step() {
			return this.before.sub(this.after).norm2Number().doubleValue();
		}

	}

}
