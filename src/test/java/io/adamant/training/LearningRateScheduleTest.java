package io.adamant.training;

import io.adamant.job.ScheduleSpec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {

	private static final int PER_EPOCH = 10;

	@Test
	void constantStaysAtTheBaseRate() {
		ISchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Constant(0.0), 0.1, PER_EPOCH, 5);

		assertThat(schedule.valueAt(0, 0)).isEqualTo(0.1);
		assertThat(schedule.valueAt(49, 4)).isEqualTo(0.1);
	}

	@Test
	void stepDecaysEveryStepEpochs() {
		ISchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Step(2, 0.5, 0.0), 0.1, PER_EPOCH, 6);

		assertThat(schedule.valueAt(19, 1)).isEqualTo(0.1);
		assertThat(schedule.valueAt(20, 2)).isEqualTo(0.05);
		assertThat(schedule.valueAt(45, 4)).isEqualTo(0.025, within(1e-12));
	}

	@Test
	void exponentialDecaysEveryEpoch() {
		ISchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Exponential(0.9, 0.0), 1.0, PER_EPOCH, 5);

		assertThat(schedule.valueAt(9, 0)).isEqualTo(1.0);
		assertThat(schedule.valueAt(10, 1)).isEqualTo(0.9, within(1e-12));
		assertThat(schedule.valueAt(30, 3)).isEqualTo(0.729, within(1e-12));
	}

	@Test
	void cosineFallsFromBaseToMinimumAfterTheWarmup() {
		ISchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Cosine(0.01, 1.0), 0.1, PER_EPOCH, 11);

		assertThat(schedule.valueAt(0, 0)).as("warm-up starts at 1/10").isEqualTo(0.01, within(1e-12));
		assertThat(schedule.valueAt(4, 0)).isEqualTo(0.05, within(1e-12));
		assertThat(schedule.valueAt(10, 1)).as("warm-up over").isEqualTo(0.1, within(1e-12));
		assertThat(schedule.valueAt(60, 6)).as("half way").isEqualTo(0.055, within(1e-12));
		assertThat(schedule.valueAt(110, 11)).isEqualTo(0.01, within(1e-12));
	}

	@Test
	void warmupCanPrecedeAStepSchedule() {
		ISchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Step(1, 0.5, 0.5), 0.2, PER_EPOCH, 4);

		assertThat(schedule.valueAt(0, 0)).isEqualTo(0.04, within(1e-12));
		assertThat(schedule.valueAt(5, 0)).isEqualTo(0.2);
		assertThat(schedule.valueAt(15, 1)).isEqualTo(0.1);
	}

	@Test
	void scalingMultipliesEveryRateAndSurvivesAClone() {
		LearningRateSchedule schedule = LearningRateSchedule.of(new ScheduleSpec.Exponential(0.9, 0.0), 1.0, PER_EPOCH,
				5);

		ISchedule halved = schedule.scaled(0.5).clone();

		assertThat(halved.valueAt(10, 1)).isEqualTo(0.45, within(1e-12));
		assertThat(halved).isEqualTo(schedule.scaled(0.5));
	}

}
