package io.adamant.training;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The training workers of this instance.
 *
 * @param enabled whether this instance trains at all (an API-only instance sets false)
 * @param concurrency jobs this instance trains at once
 * @param shutdownGrace how long shutdown waits for running jobs to stop and be handed
 * back to the queue
 * @param instanceName how this instance names its workers (worker ids are
 * {@code <instance>/worker-<n>}); host name and process id if left empty
 * @param nativeThreads threads ND4J's native code may use per operation; 0 chooses
 * ({@code OMP_NUM_THREADS} if set, else one core fewer than the machine has, shared among
 * the workers)
 * @param nice the Linux nice value the workers train at (0 – 19; 0 leaves it as the
 * process's): higher yields the cores to the API sooner while a job trains
 * @param shufflePrefetchLimit training sets up to this size get their next epoch's
 * shuffled copy gathered on a second thread while the current epoch trains, at the cost
 * of a second copy; larger ones, or all with 0, are gathered on the worker's thread
 * between epochs
 */
@Validated
@ConfigurationProperties("adamant.worker")
record WorkerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1") @Min(1) @Max(64) int concurrency,
		@DefaultValue("30s") Duration shutdownGrace, @DefaultValue("") String instanceName,
		@DefaultValue("0") @Min(0) @Max(1024) int nativeThreads, @DefaultValue("10") @Min(0) @Max(19) int nice,
		@DefaultValue("512MB") DataSize shufflePrefetchLimit) {
}
