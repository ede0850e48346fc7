package io.adamant.training;

import java.util.List;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.job.ClippingSpec;
import io.adamant.job.DatasetSpec;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import io.adamant.job.TrainingSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reported norm is the global L2 norm of the mean-loss gradient before clipping: with
 * SGD at learning rate 1 and no clipping it equals the norm of the step the optimizer
 * took.
 */
class GradientNormListenerTest {

	private static final DatasetInfo DATASET = new DatasetInfo("test", DatasetTask.CLASSIFICATION, 4, 3, 10, true,
			List.of("a", "b", "c"), "test", "test");

	private final INDArray features = Nd4j.rand(DataType.FLOAT, 10, 4).subi(0.5).muli(4);

	private final INDArray labels = Nd4j.eye(3).castTo(DataType.FLOAT).getRows(0, 1, 2, 0, 1, 2, 0, 1, 2, 0);

	@Test
	void measuresTheNormOfTheMeanGradientThatSgdApplies() {
		MultiLayerNetwork network = network(new ClippingSpec.None());
		GradientNormListener listener = new GradientNormListener();
		network.setListeners(listener);
		INDArray before = network.params().dup();

		network.fit(this.features, this.labels);

		double step = before.sub(network.params()).norm2Number().doubleValue();
		GradientNormListener.GradientNormStats stats = listener.drain();
		assertThat(stats.mean()).isPositive().isEqualTo(step, within(step * 1e-4));
		assertThat(stats.max()).isEqualTo(stats.mean());
	}

	@Test
	void measuresBeforeClipping() {
		MultiLayerNetwork unclipped = network(new ClippingSpec.None());
		MultiLayerNetwork clipped = network(new ClippingSpec.Value(1e-4));
		GradientNormListener unclippedNorms = new GradientNormListener();
		GradientNormListener clippedNorms = new GradientNormListener();
		unclipped.setListeners(unclippedNorms);
		clipped.setListeners(clippedNorms);
		INDArray before = clipped.params().dup();

		unclipped.fit(this.features, this.labels);
		clipped.fit(this.features, this.labels);

		double clippedStep = before.sub(clipped.params()).norm2Number().doubleValue();
		double reported = clippedNorms.drain().mean();
		assertThat(reported).isEqualTo(unclippedNorms.drain().mean(), within(1e-6));
		assertThat(clippedStep).isLessThan(reported / 10);
	}

	@Test
	void drainResetsTheStatistics() {
		MultiLayerNetwork network = network(new ClippingSpec.None());
		GradientNormListener listener = new GradientNormListener();
		network.setListeners(listener);
		network.fit(this.features, this.labels);
		network.fit(this.features, this.labels);

		GradientNormListener.GradientNormStats twoSteps = listener.drain();

		assertThat(twoSteps.max()).isGreaterThanOrEqualTo(twoSteps.mean());
		assertThat(listener.drain()).isEqualTo(new GradientNormListener.GradientNormStats(0, 0));
	}

	private static MultiLayerNetwork network(ClippingSpec clipping) {
		JobSpec spec = new JobSpec(null, new DatasetSpec("test", null),
				new ModelSpec.Mlp(List.of(new ModelSpec.DenseLayer(8, io.adamant.job.Activation.TANH))),
				new OptimizerSpec.Sgd(1.0), clipping, new TrainingSpec(1, 10, 42L, 0.0));
		MultiLayerNetwork network = new MultiLayerNetwork(NetworkFactory.configure(spec, DATASET));
		network.init();
		return network;
	}

}
