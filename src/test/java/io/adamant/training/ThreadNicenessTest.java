package io.adamant.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import io.adamant.support.HttpApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Training threads yield the cores to the API: the workers of the running service train
 * at nice 10 (the default), and only they do.
 */
class ThreadNicenessTest extends HttpApiTest {

	@Test
	void theServicesWorkerThreadsRunAtTheDefaultNiceValueAndTheRestAsBefore() throws IOException {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
		int processNice = ThreadNiceness.current().orElseThrow();

		List<Integer> workers = threadNiceValues("adamant-worker-");

		assertThat(workers).as("the two workers of the test service").hasSize(2).containsOnly(10);
		assertThat(threadNiceValues("adamant-heartbe")).containsOnly(processNice);
	}

	@Test
	void setsTheCallingThreadOnlyAndZeroLeavesIt() throws InterruptedException {
		OptionalInt before = ThreadNiceness.current();
		assumeTrue(before.isPresent(), "Linux only");
		AtomicReference<OptionalInt> set = new AtomicReference<>();
		AtomicReference<OptionalInt> left = new AtomicReference<>();

		Thread thread = new Thread(() -> {
			left.set(ThreadNiceness.applyToCurrentThread(0));
			set.set(ThreadNiceness.applyToCurrentThread(before.getAsInt() + 3));
		});
		thread.start();
		thread.join();

		assertThat(left.get()).isEqualTo(before);
		assertThat(set.get()).hasValue(before.getAsInt() + 3);
		assertThat(ThreadNiceness.current()).isEqualTo(before);
	}

	private static List<Integer> threadNiceValues(String namePrefix) throws IOException {
		try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
			return tasks.filter((task) -> read(task.resolve("comm")).startsWith(namePrefix))
				.map((task) -> ThreadNiceness.niceOf(read(task.resolve("stat"))))
				.toList();
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file).strip();
		}
		catch (IOException ex) {
			return ""; // the thread ended meanwhile
		}
	}

}
