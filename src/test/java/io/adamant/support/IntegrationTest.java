package io.adamant.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The service on a random port over a fresh database of the run's test server (see
 * {@link TestDatabase}). Workers poll only every 30 s, so a job that starts at once shows
 * that LISTEN/NOTIFY woke them. Dataset uploads stop at 1 MB, and zips of images at 300
 * entries and 2 MB uncompressed, so that a test can go over the limits cheaply. Test
 * classes with the same properties share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "adamant.queue.poll-interval=30s", "adamant.queue.heartbeat-interval=500ms",
				"adamant.worker.concurrency=2", "adamant.worker.shutdown-grace=5s",
				"adamant.datasets.max-upload-size=1MB", "adamant.datasets.images.max-entries=300",
				"adamant.datasets.images.max-uncompressed-size=2MB" })
public @interface IntegrationTest {

}
