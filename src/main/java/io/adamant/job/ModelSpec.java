package io.adamant.job;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The network to train. Its input follows from the dataset (features, image shape or
 * sequence shape); its output layer and loss from the dataset's task: softmax with
 * cross-entropy for classification, identity with mean squared error for regression.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ModelSpec.Mlp.class, name = "mlp"),
		@JsonSubTypes.Type(value = ModelSpec.Cnn.class, name = "cnn"),
		@JsonSubTypes.Type(value = ModelSpec.Rnn.class, name = "rnn") })
public sealed interface ModelSpec {

	ModelSpec withDefaults();

	/** How the weights start; never null once defaults are applied. */
	WeightInit weightInit();

	/**
	 * A multi-layer perceptron; image and sequence rows are fed to it flat.
	 *
	 * @param hiddenLayers the dense layers between the input and the output layer, in
	 * order
	 * @param weightInit initialisation; default {@code xavier}
	 */
	@Schema(name = "MlpModel")
	record Mlp(@NotNull @Size(max = 32) List<@NotNull @Valid DenseLayer> hiddenLayers,
			WeightInit weightInit) implements ModelSpec {

		@Override
		public Mlp withDefaults() {
			return new Mlp(this.hiddenLayers.stream().map(DenseLayer::withDefaults).toList(),
					this.weightInit == null ? WeightInit.XAVIER : this.weightInit);
		}

	}

	/**
	 * A convolutional network over image datasets: convolution blocks, then dense layers.
	 * The seed's ConvNet is two blocks (6 and 16 filters, 5×5, each with 2×2 max pooling)
	 * and dense layers of 120 (and 84).
	 *
	 * @param convolutions the convolution blocks, in order (at least one)
	 * @param denseLayers dense layers after the last block (may be empty)
	 * @param weightInit initialisation; default {@code he}
	 */
	@Schema(name = "CnnModel")
	record Cnn(@NotEmpty @Size(max = 16) List<@NotNull @Valid ConvBlock> convolutions,
			@Size(max = 16) List<@NotNull @Valid DenseLayer> denseLayers, WeightInit weightInit) implements ModelSpec {

		@Override
		public Cnn withDefaults() {
			return new Cnn(this.convolutions.stream().map(ConvBlock::withDefaults).toList(),
					this.denseLayers == null ? List.of()
							: this.denseLayers.stream().map(DenseLayer::withDefaults).toList(),
					this.weightInit == null ? WeightInit.HE : this.weightInit);
		}

	}

	/**
	 * A recurrent network over sequence datasets.
	 *
	 * @param cell {@code lstm} (default) or {@code simple} (Elman RNN)
	 * @param layers the recurrent layers, in order (at least one)
	 * @param output {@code last-step} (default): one prediction per sequence, from the
	 * last step; {@code per-step}: one per step (the dataset must label every step)
	 * @param weightInit initialisation; default {@code xavier}
	 */
	@Schema(name = "RnnModel")
	record Rnn(Cell cell, @NotEmpty @Size(max = 8) List<@NotNull @Valid RecurrentLayer> layers, RnnOutput output,
			WeightInit weightInit) implements ModelSpec {

		@Override
		public Rnn withDefaults() {
			return new Rnn(this.cell == null ? Cell.LSTM : this.cell,
					this.layers.stream().map(RecurrentLayer::withDefaults).toList(),
					this.output == null ? RnnOutput.LAST_STEP : this.output,
					this.weightInit == null ? WeightInit.XAVIER : this.weightInit);
		}

	}

	/**
	 * A fully connected layer.
	 *
	 * @param units its width
	 * @param activation its activation; {@code relu} if left out
	 * @param dropout share of its inputs dropped while training, in [0, 1); default 0
	 * @param batchNorm batch normalisation after it (before the activation's output goes
	 * on); default false
	 */
	record DenseLayer(@NotNull @Positive @Max(8192) Integer units, Activation activation,
			@DecimalMin("0") @DecimalMax(value = "1", inclusive = false) Double dropout, Boolean batchNorm) {

		public DenseLayer(Integer units, Activation activation) {
			this(units, activation, null, null);
		}

		DenseLayer withDefaults() {
			return new DenseLayer(this.units, this.activation == null ? Activation.RELU : this.activation,
					this.dropout == null ? 0 : this.dropout, this.batchNorm != null && this.batchNorm);
		}

	}

	/**
	 * A convolution, optionally batch-normalised, optionally followed by pooling.
	 *
	 * @param filters output channels
	 * @param kernel square kernel size; default 3
	 * @param stride default 1
	 * @param padding zero padding on each side; default 0
	 * @param activation default {@code relu}
	 * @param batchNorm default false
	 * @param pooling pooling after it; none if left out
	 */
	record ConvBlock(@NotNull @Positive @Max(1024) Integer filters, @Positive @Max(32) Integer kernel,
			@Positive @Max(16) Integer stride, @Min(0) @Max(16) Integer padding, Activation activation,
			Boolean batchNorm, @Valid Pooling pooling) {

		ConvBlock withDefaults() {
			return new ConvBlock(this.filters, this.kernel == null ? 3 : this.kernel,
					this.stride == null ? 1 : this.stride, this.padding == null ? 0 : this.padding,
					this.activation == null ? Activation.RELU : this.activation,
					this.batchNorm != null && this.batchNorm,
					this.pooling == null ? null : this.pooling.withDefaults());
		}

	}

	/**
	 * Pooling after a convolution.
	 *
	 * @param type {@code max} (default) or {@code avg}
	 * @param size square window; default 2
	 * @param stride default: the window size
	 */
	record Pooling(PoolingType type, @Positive @Max(16) Integer size, @Positive @Max(16) Integer stride) {

		Pooling withDefaults() {
			int window = this.size == null ? 2 : this.size;
			return new Pooling(this.type == null ? PoolingType.MAX : this.type, window,
					this.stride == null ? window : this.stride);
		}

	}

	/**
	 * A recurrent layer.
	 *
	 * @param units hidden state size
	 * @param activation default {@code tanh}
	 */
	record RecurrentLayer(@NotNull @Positive @Max(4096) Integer units, Activation activation) {

		RecurrentLayer withDefaults() {
			return new RecurrentLayer(this.units, this.activation == null ? Activation.TANH : this.activation);
		}

	}

	/** Recurrent cell types. */
	enum Cell {

		@JsonProperty("lstm")
		LSTM, @JsonProperty("simple")
		SIMPLE

	}

	/** Where a recurrent network predicts. */
	enum RnnOutput {

		@JsonProperty("last-step")
		LAST_STEP, @JsonProperty("per-step")
		PER_STEP

	}

	/** Pooling kinds. */
	enum PoolingType {

		@JsonProperty("max")
		MAX, @JsonProperty("avg")
		AVG

	}

	/** Weight initialisation schemes. */
	enum WeightInit {

		/** Glorot normal. */
		@JsonProperty("xavier")
		XAVIER,
		/** Glorot uniform. */
		@JsonProperty("xavier-uniform")
		XAVIER_UNIFORM,
		/** He (Kaiming) normal, for ReLU networks. */
		@JsonProperty("he")
		HE,
		/** He uniform. */
		@JsonProperty("he-uniform")
		HE_UNIFORM,
		/** LeCun normal. */
		@JsonProperty("lecun-normal")
		LECUN_NORMAL

	}

}
