package io.adamant.training;

import java.util.Map;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's 2-D convolution on the CPU without its slowest step. DL4J 1.0.0-M2.1's
 * {@code ConvolutionLayer} writes im2col into a permuted rank-6 view; libnd4j zero-fills
 * and writes such a view element by element, which took 45% of a ConvNet step (99 ms for
 * the first layer's im2col at batch 64, against 12 ms into a contiguous array). This
 * helper, plugged in where DL4J would put its cuDNN or oneDNN helper, runs im2col into a
 * contiguous array and the products as batched matrix multiplications: forward, the
 * weights times the columns; backward, the weights' gradient and the columns' gradient,
 * folded back by col2im. In training it keeps the forward pass's columns in DL4J's cache
 * workspace for backprop. The layer, its configuration, its parameters and saved models
 * stay DL4J's own; for what it does not cover (other data types, NHWC, {@code Same} mode)
 * it returns {@code null} and DL4J's path runs.
 */
final class ContiguousConvolution implements ConvolutionHelper {

	/** im2col of the last training forward pass, for its backprop. */
	private INDArray keptColumns;

	private INDArray keptFor;

	@Override
	public boolean checkSupported() {
		return true;
	}

	@Override
	public Map<String, Long> helperMemoryUse() {
		return Map.of();
	}

	@Override
	public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
			AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
			LayerWorkspaceMgr workspaceMgr) {
		if (!supported(input, weights, convolutionMode, format)) {
			return null;
		}
		Geometry geometry = Geometry.of(input, weights, strides, pad, dilation);
		// in training, DL4J keeps a cache workspace open until backprop: the columns kept
		// there spare backprop a second im2col
		boolean keep = workspaceMgr.hasConfiguration(ArrayType.FF_CACHE)
				&& workspaceMgr.isWorkspaceOpen(ArrayType.FF_CACHE);
		INDArray columns = geometry.im2col(input,
				keep ? workspaceMgr.createUninitialized(ArrayType.FF_CACHE, DataType.FLOAT, geometry.columnShape(), 'c')
						: Nd4j.createUninitialized(DataType.FLOAT, geometry.columnShape(), 'c'));
		this.keptColumns = keep ? columns : null;
		this.keptFor = keep ? input : null;
		INDArray output = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
				geometry.outputShape(), 'c');
		Nd4j.matmul(geometry.perExample(weights), columns,
				output.reshape('c', geometry.batch, geometry.outChannels, geometry.outPixels()), false, false, false);
		output.addi(bias.reshape(1, geometry.outChannels, 1, 1));
		return output;
	}

	@Override
	public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
			int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
			AlgoMode mode, BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
			int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
		if (!supported(input, weights, convolutionMode, format)) {
			return null;
		}
		Geometry geometry = Geometry.of(input, weights, strides, pad, dilation);
		INDArray columns = (this.keptColumns != null && this.keptFor == input) ? this.keptColumns
				: geometry.im2col(input, Nd4j.createUninitialized(DataType.FLOAT, geometry.columnShape(), 'c'));
		this.keptColumns = null;
		this.keptFor = null;
		INDArray delta3d = delta.reshape('c', geometry.batch, geometry.outChannels, geometry.outPixels());
		// dL/dW = sum over the batch of delta · columnsᵀ
		INDArray perExample = Nd4j.matmul(delta3d, columns, false, true, false);
		weightGradView.reshape('c', geometry.outChannels, geometry.patch()).assign(perExample.sum(0));
		biasGradView.assign(delta.sum(0, 2, 3).reshape(biasGradView.shape()));
		// dL/dcolumns = Wᵀ · delta, folded back onto the input by col2im
		INDArray columnGradient = Nd4j.matmul(geometry.perExample(weights), delta3d, true, false, false);
		INDArray inputGradient = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
		Convolution.col2im(columnGradient.reshape('c', geometry.columnShape()), inputGradient, strides[0], strides[1],
				pad[0], pad[1], geometry.inHeight, geometry.inWidth, dilation[0], dilation[1]);
		Gradient gradient = new DefaultGradient();
		gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
		gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
		return new Pair<>(gradient, inputGradient);
	}

	@Override
	public INDArray activate(INDArray z, IActivation afn, boolean training) {
		return afn.getActivation(z, training);
	}

	private static boolean supported(INDArray input, INDArray weights, ConvolutionMode convolutionMode,
			CNN2DFormat format) {
		return input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT && format == CNN2DFormat.NCHW
				&& convolutionMode != ConvolutionMode.Same;
	}

	/** Sizes of one convolution, NCHW, weights [oC, iC, kH, kW]. */
	private record Geometry(long batch, long inChannels, int inHeight, int inWidth, long outChannels, int kernelHeight,
			int kernelWidth, int outHeight, int outWidth, int[] strides, int[] pad, int[] dilation) {

		static Geometry of(INDArray input, INDArray weights, int[] strides, int[] pad, int[] dilation) {
			int inHeight = (int) input.size(2);
			int inWidth = (int) input.size(3);
			int kernelHeight = (int) weights.size(2);
			int kernelWidth = (int) weights.size(3);
			return new Geometry(input.size(0), input.size(1), inHeight, inWidth, weights.size(0), kernelHeight,
					kernelWidth, outSize(inHeight, kernelHeight, strides[0], pad[0], dilation[0]),
					outSize(inWidth, kernelWidth, strides[1], pad[1], dilation[1]), strides, pad, dilation);
		}

		private static int outSize(int in, int kernel, int stride, int pad, int dilation) {
			int effectiveKernel = kernel + (kernel - 1) * (dilation - 1);
			return (in + 2 * pad - effectiveKernel) / stride + 1;
		}

		long[] outputShape() {
			return new long[] { this.batch, this.outChannels, this.outHeight, this.outWidth };
		}

		long[] columnShape() {
			return new long[] { this.batch, this.inChannels, this.kernelHeight, this.kernelWidth, this.outHeight,
					this.outWidth };
		}

		long patch() {
			return this.inChannels * this.kernelHeight * this.kernelWidth;
		}

		long outPixels() {
			return (long) this.outHeight * this.outWidth;
		}

		/** The weights as [batch, out channels, patch], one copy per example. */
		INDArray perExample(INDArray weights) {
			return weights.reshape('c', 1, this.outChannels, patch()).broadcast(this.batch, this.outChannels, patch());
		}

		/**
		 * im2col into {@code columns}, contiguous [batch, channels, kH, kW, oH, oW]:
		 * libnd4j's fast path; returned as [batch, patch, pixels].
		 */
		INDArray im2col(INDArray input, INDArray columns) {
			Convolution.im2col(input, this.kernelHeight, this.kernelWidth, this.strides[0], this.strides[1],
					this.pad[0], this.pad[1], this.dilation[0], this.dilation[1], false, columns);
			return columns.reshape('c', this.batch, patch(), outPixels());
		}

	}

}
