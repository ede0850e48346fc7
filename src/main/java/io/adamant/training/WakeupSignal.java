package io.adamant.training;

import java.time.Duration;

/**
 * Wakes idle workers when work may have arrived. A worker reads the generation before it
 * looks for work and waits only if nothing signalled since, so no wake-up is lost between
 * an empty claim and the wait.
 */
final class WakeupSignal {

	private long generation;

	synchronized long generation() {
		return this.generation;
	}

	synchronized void signal() {
		this.generation++;
		notifyAll();
	}

	synchronized void awaitAfter(long seen, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.generation == seen) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				return;
			}
			wait(Math.max(1, remaining / 1_000_000));
		}
	}

}
