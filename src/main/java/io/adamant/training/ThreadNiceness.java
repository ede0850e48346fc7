package io.adamant.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux nice value of the calling thread. Training takes every cycle it gets; at the
 * same nice value as the request threads the scheduler shares the cores evenly with it,
 * and on a small machine the API's latency follows the training's appetite. A training
 * thread at a higher nice value still gets every cycle the API leaves, but a request
 * thread that wakes up gets the core first. Measured on 2 cores ({@code bench/perf.sh},
 * load only): {@code GET …/metrics} while a job trains went from 1,489 – 2,359 req/s (p99
 * 48.9 – 73.5 ms) to 3,268 – 3,496 req/s (p99 21.8 – 42.0 ms) at nice 10.
 * <p>
 * Java cannot set it itself: this runs {@code renice} on the thread's own id (Linux nice
 * values are per thread, and threads the thread starts, such as OpenMP's, inherit it).
 * Raising a nice value needs no privilege. Elsewhere it does nothing.
 */
final class ThreadNiceness {

	private static final Logger log = LoggerFactory.getLogger(ThreadNiceness.class);

	private static final Path THREAD_SELF = Path.of("/proc/thread-self");

	/**
	 * Field 19 of {@code /proc/…/stat}, counted from the state (field 3) after the name.
	 */
	private static final int NICE_AFTER_NAME = 16;

	private ThreadNiceness() {
	}

	/**
	 * Sets the calling thread's nice value to {@code nice} unless it is 0 (leave it).
	 * @return the thread's nice value afterwards, empty where it cannot be read (not
	 * Linux)
	 */
	static OptionalInt applyToCurrentThread(int nice) {
		OptionalInt before = current();
		if (nice == 0 || before.isEmpty() || before.getAsInt() == nice) {
			return before;
		}
		try {
			String threadId = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
			Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", threadId)
				.redirectErrorStream(true)
				.start();
			String output = new String(renice.getInputStream().readAllBytes()).strip();
			if (!renice.waitFor(10, TimeUnit.SECONDS) || renice.exitValue() != 0) {
				log.warn("Could not set this training thread's nice value to {}: {}", nice, output);
			}
		}
		catch (IOException ex) {
			log.warn("Could not set this training thread's nice value to {} (renice: {})", nice, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return current();
	}

	/**
	 * The calling thread's nice value, empty where {@code /proc/thread-self} is missing.
	 */
	static OptionalInt current() {
		try {
			return OptionalInt.of(niceOf(Files.readString(THREAD_SELF.resolve("stat"))));
		}
		catch (IOException | RuntimeException ex) {
			return OptionalInt.empty();
		}
	}

	/** The nice value in a thread's {@code /proc/…/stat} line. */
	static int niceOf(String stat) {
		return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[NICE_AFTER_NAME]);
	}

}
