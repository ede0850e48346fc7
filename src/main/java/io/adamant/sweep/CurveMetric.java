package io.adamant.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import io.adamant.api.InvalidRequestException;
import io.adamant.metrics.EpochMetricsView;

/** The per-epoch metrics a sweep's curves can show, named as in the metrics rows. */
enum CurveMetric {

	TRAIN_LOSS("trainLoss", EpochMetricsView::trainLoss),
	VALIDATION_LOSS("validationLoss", EpochMetricsView::validationLoss),
	VALIDATION_ACCURACY("validationAccuracy", EpochMetricsView::validationAccuracy),
	VALIDATION_RMSE("validationRmse", EpochMetricsView::validationRmse),
	LEARNING_RATE("learningRate", EpochMetricsView::learningRate),
	GRADIENT_NORM_MEAN("gradientNormMean", EpochMetricsView::gradientNormMean),
	GRADIENT_NORM_MAX("gradientNormMax", EpochMetricsView::gradientNormMax),
	CLIPPED_GRADIENT_NORM_MEAN("clippedGradientNormMean", EpochMetricsView::clippedGradientNormMean),
	CLIPPED_GRADIENT_NORM_MAX("clippedGradientNormMax", EpochMetricsView::clippedGradientNormMax),
	CLIPPED_FRACTION("clippedFraction", EpochMetricsView::clippedFraction),
	NON_FINITE_ITERATIONS("nonFiniteIterations", row -> (double) row.nonFiniteIterations()),
	SKIPPED_STEPS("skippedSteps", row -> (double) row.skippedSteps()),
	PARAMETER_NORM("parameterNorm", EpochMetricsView::parameterNorm),
	UPDATE_RATIO_LOG10("updateRatioLog10", EpochMetricsView::updateRatioLog10),
	SAMPLES_PER_SECOND("samplesPerSecond", EpochMetricsView::samplesPerSecond),
	DURATION_MS("durationMs", row -> (double) row.durationMs());

	private final String metricName;

	private final Function<EpochMetricsView, Double> value;

	CurveMetric(String metricName, Function<EpochMetricsView, Double> value) {
		this.metricName = metricName;
		this.value = value;
	}

	static CurveMetric parse(String name) {
		return Arrays.stream(values())
			.filter(metric -> metric.metricName.equals(name))
			.findFirst()
			.orElseThrow(() -> InvalidRequestException.forField("metric",
					"'%s' is not a metric; one of %s".formatted(name, names())));
	}

	static List<String> names() {
		return Arrays.stream(values()).map(CurveMetric::metricName).toList();
	}

	String metricName() {
		return this.metricName;
	}

	Double valueOf(EpochMetricsView row) {
		return this.value.apply(row);
	}

}
