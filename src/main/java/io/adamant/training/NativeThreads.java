package io.adamant.training;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many threads ND4J's native code (its OpenMP loops and OpenBLAS) may use. By default
 * they take every core and spin while they wait: on a small machine they then fight each
 * other, the web server and the database. Measured on 2 cores ({@code bench/perf.sh},
 * bare DL4J), one thread trained the MLPs and the LSTM 2.1 to 2.8 times faster than two,
 * and the ConvNet about as fast (0.92). So the default leaves one core to the rest of the
 * service and shares the others among the workers.
 */
final class NativeThreads {

	private static final Logger log = LoggerFactory.getLogger(NativeThreads.class);

	private NativeThreads() {
	}

	/**
	 * The threads each job gets: {@code configured} if positive, else what the
	 * {@code OMP_NUM_THREADS} environment variable says, else (cores - 1) / workers, at
	 * least 1.
	 */
	static int choose(int configured, int workers, int cores, String ompNumThreads) {
		if (configured > 0) {
			return configured;
		}
		if (ompNumThreads != null && ompNumThreads.matches("\\s*[1-9][0-9]*\\s*")) {
			return Integer.parseInt(ompNumThreads.trim());
		}
		return Math.max(1, (cores - 1) / Math.max(1, workers));
	}

	/**
	 * Applies {@code threads} to ND4J's loops and to its BLAS for the whole process, and
	 * to OpenMP for the calling thread.
	 */
	static void apply(int threads) {
		Nd4j.getEnvironment().setMaxThreads(threads);
		Nd4j.getEnvironment().setMaxMasterThreads(threads);
		Nd4j.factory().blas().setMaxThreads(threads);
		applyToCurrentThread(threads);
		log.info("ND4J native code uses {} thread(s) per operation", threads);
	}

	/**
	 * OpenMP keeps its thread count per calling thread: every thread that trains must set
	 * it for itself.
	 */
	static void applyToCurrentThread(int threads) {
		NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
	}

	/** Chooses and applies, for {@code workers} jobs training at once on this machine. */
	static int configure(int configured, int workers) {
		int threads = choose(configured, workers, Runtime.getRuntime().availableProcessors(),
				System.getenv("OMP_NUM_THREADS"));
		apply(threads);
		return threads;
	}

}
