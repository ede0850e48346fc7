package io.adamant.training;

import java.util.ArrayList;
import java.util.List;

import io.adamant.api.FieldProblem;
import io.adamant.dataset.DatasetInfo;
import io.adamant.dataset.InputKind;
import io.adamant.job.JobSpec;
import io.adamant.job.ModelChecker;
import io.adamant.job.ModelSpec;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

import org.springframework.stereotype.Component;

/**
 * Checks a model against its dataset by building its DL4J configuration (no parameters
 * allocated).
 */
@Component
class DeepLearning4jModelChecker implements ModelChecker {

	@Override
	public ModelCheck check(JobSpec spec, DatasetInfo dataset) {
		List<FieldProblem> problems = new ArrayList<>();
		ModelSpec model = spec.model();
		if (model instanceof ModelSpec.Cnn && dataset.input() != InputKind.IMAGE) {
			problems.add(new FieldProblem("model.type", "a cnn needs an image dataset; '%s' is %s with shape %s"
				.formatted(dataset.name(), describe(dataset.input()), dataset.shape())));
		}
		if (model instanceof ModelSpec.Rnn rnn) {
			if (dataset.input() != InputKind.SEQUENCE) {
				problems.add(new FieldProblem("model.type", "an rnn needs a sequence dataset; '%s' is %s"
					.formatted(dataset.name(), describe(dataset.input()))));
			}
			else if ((rnn.output() == ModelSpec.RnnOutput.PER_STEP) != dataset.perStepLabels()) {
				problems.add(new FieldProblem("model.output",
						dataset.perStepLabels() ? "'%s' labels every step: use per-step".formatted(dataset.name())
								: "'%s' labels each sequence once: use last-step".formatted(dataset.name())));
			}
		}
		if (!(model instanceof ModelSpec.Rnn) && dataset.perStepLabels()) {
			problems.add(new FieldProblem("model.type",
					"'%s' labels every step of a sequence: only an rnn with per-step output fits"
						.formatted(dataset.name())));
		}
		if (model instanceof ModelSpec.Cnn cnn && problems.isEmpty()) {
			checkSpatialSizes(cnn, dataset, problems);
		}
		if (!problems.isEmpty()) {
			return new ModelCheck(0, problems);
		}
		try {
			MultiLayerConfiguration configuration = NetworkFactory.configure(spec, dataset, 1);
			return new ModelCheck(NetworkFactory.parameterCount(configuration), List.of());
		}
		catch (RuntimeException ex) {
			return new ModelCheck(0, List.of(new FieldProblem("model", "does not fit the input of '%s' (%s %s): %s"
				.formatted(dataset.name(), describe(dataset.input()), dataset.shape(), firstLine(ex.getMessage())))));
		}
	}

	/** Each convolution and pooling window must fit the feature map it slides over. */
	private static void checkSpatialSizes(ModelSpec.Cnn cnn, DatasetInfo dataset, List<FieldProblem> problems) {
		int height = dataset.shape().get(1);
		int width = dataset.shape().get(2);
		for (int i = 0; i < cnn.convolutions().size() && problems.isEmpty(); i++) {
			ModelSpec.ConvBlock block = cnn.convolutions().get(i);
			int outHeight = (height + 2 * block.padding() - block.kernel()) / block.stride() + 1;
			int outWidth = (width + 2 * block.padding() - block.kernel()) / block.stride() + 1;
			if (height + 2 * block.padding() < block.kernel() || width + 2 * block.padding() < block.kernel()) {
				problems.add(new FieldProblem("model.convolutions[%d].kernel".formatted(i),
						"a %dx%d kernel does not fit the %dx%d feature map (padding %d)".formatted(block.kernel(),
								block.kernel(), height, width, block.padding())));
				return;
			}
			height = outHeight;
			width = outWidth;
			ModelSpec.Pooling pooling = block.pooling();
			if (pooling != null) {
				if (height < pooling.size() || width < pooling.size()) {
					problems.add(new FieldProblem("model.convolutions[%d].pooling.size".formatted(i),
							"a %dx%d pooling window does not fit the %dx%d feature map".formatted(pooling.size(),
									pooling.size(), height, width)));
					return;
				}
				height = (height - pooling.size()) / pooling.stride() + 1;
				width = (width - pooling.size()) / pooling.stride() + 1;
			}
		}
	}

	private static String describe(InputKind input) {
		return switch (input) {
			case TABULAR -> "tabular";
			case IMAGE -> "images";
			case SEQUENCE -> "sequences";
		};
	}

	private static String firstLine(String message) {
		return message == null ? "invalid configuration" : message.lines().findFirst().orElse(message);
	}

}
