package io.adamant.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.DatasetTask;
import io.adamant.dataset.InputKind;
import io.adamant.job.ModelSpec;
import io.adamant.job.OptimizerSpec;
import io.adamant.job.TrainingSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ContiguousConvolution} must compute what DL4J's own convolution computes: the
 * same outputs, scores and gradients, for the geometries a job spec can ask for and a few
 * it cannot yet.
 */
class ContiguousConvolutionTest {

	@ParameterizedTest(name = "{0} channels, kernel {1}, stride {2}, padding {3}, dilation {4}, batch {5}")
	@CsvSource({ "3, 5, 1, 0, 1, 16", "1, 3, 1, 1, 1, 7", "2, 3, 2, 1, 1, 8", "3, 3, 1, 2, 2, 4", "4, 2, 2, 0, 1, 5" })
	void matchesDl4jsOwnConvolution(int channels, int kernel, int stride, int padding, int dilation, int batch) {
		MultiLayerConfiguration configuration = configuration(channels, kernel, stride, padding, dilation);
		MultiLayerNetwork stock = new MultiLayerNetwork(configuration.clone());
		stock.init();
		MultiLayerNetwork helped = new MultiLayerNetwork(configuration.clone());
		helped.init();
		assertThat(LayerHelpers.install(helped)).isEqualTo(2);
		assertThat(helped.params()).isEqualTo(stock.params());

		Nd4j.getRandom().setSeed(7);
		INDArray features = Nd4j.randn(DataType.FLOAT, batch, channels * 12 * 12);
		INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, 3);
		for (int row = 0; row < batch; row++) {
			labels.putScalar(row, row % 3, 1.0);
		}
		SameComputation.assertSameTraining(helped, stock, features, labels);
	}

	@Test
	void theServicesConvNetsGetTheHelperAndKeepTheirPreActivationsForBackprop() throws IOException {
		DatasetInfo images = new DatasetInfo("shapes", DatasetTask.CLASSIFICATION, InputKind.IMAGE, List.of(3, 32, 32),
				3 * 32 * 32, 3, false, 0, true, List.of(), "shapes", "shapes");
		ModelSpec.Cnn cnn = new ModelSpec.Cnn(
				List.of(new ModelSpec.ConvBlock(6, 5, null, null, null, null, new ModelSpec.Pooling(null, null, null)),
						new ModelSpec.ConvBlock(16, 5, null, null, null, null,
								new ModelSpec.Pooling(null, null, null))),
				List.of(new ModelSpec.DenseLayer(120, null)), null);
		MultiLayerConfiguration configuration = NetworkFactory.configure(TestSpecs.spec(cnn,
				new OptimizerSpec.Adam(0.001, null, null, null), null, new TrainingSpec(1, 32, 42L, 0.0)), images, 1);
		assertThat(configuration.getCacheMode()).isEqualTo(CacheMode.DEVICE);
		MultiLayerNetwork network = new MultiLayerNetwork(configuration);
		network.init();

		assertThat(LayerHelpers.install(network)).isEqualTo(2);
		assertThat(Arrays.stream(network.getLayers()).map(Layer::getHelper).filter(h -> h != null)).hasSize(2)
			.allMatch(ContiguousConvolution.class::isInstance);
		// the helper is not part of the saved configuration; a restored network computes
		// the same without it
		ByteArrayOutputStream saved = new ByteArrayOutputStream();
		ModelSerializer.writeModel(network, saved, false);
		assertThat(network.getLayerWiseConfigurations().toJson())
			.doesNotContain(ContiguousConvolution.class.getSimpleName());
		MultiLayerNetwork restored = ModelSerializer
			.restoreMultiLayerNetwork(new ByteArrayInputStream(saved.toByteArray()), false);
		assertThat(Arrays.stream(restored.getLayers()).map(Layer::getHelper)).allMatch(h -> h == null);
		INDArray features = Nd4j.rand(DataType.FLOAT, 4, 3 * 32 * 32);
		SameComputation.assertClose(network.output(features), restored.output(features));
	}

	@Test
	void leavesNetworksWithoutConvolutionsAlone() {
		MultiLayerNetwork mlp = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(2).build())
			.build());
		mlp.init();
		assertThat(LayerHelpers.install(mlp)).isZero();
		assertThat(mlp.getLayerWiseConfigurations().getCacheMode()).isEqualTo(CacheMode.NONE);
	}

	private static MultiLayerConfiguration configuration(int channels, int kernel, int stride, int padding,
			int dilation) {
		return new NeuralNetConfiguration.Builder().seed(42)
			.dataType(DataType.FLOAT)
			.updater(new Adam(1e-3))
			.cacheMode(CacheMode.DEVICE)
			.list()
			// no fallback: a helper that throws must fail the test, not hand over to DL4J
			.layer(new ConvolutionLayer.Builder(kernel, kernel).nOut(5)
				.stride(stride, stride)
				.padding(padding, padding)
				.dilation(dilation, dilation)
				.activation(Activation.TANH)
				.cudnnAllowFallback(false)
				.build())
			.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(1, 1).build())
			.layer(new ConvolutionLayer.Builder(kernel, kernel).nOut(4)
				.stride(stride, stride)
				.padding(padding, padding)
				.dilation(dilation, dilation)
				.activation(Activation.RELU)
				.cudnnAllowFallback(false)
				.build())
			.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
				.activation(Activation.SOFTMAX)
				.build())
			.setInputType(InputType.convolutionalFlat(12, 12, channels))
			.build();
	}

}
