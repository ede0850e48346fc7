package io.adamant.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test of the HTTP API on a service that runs no workers: submitted jobs stay queued
 * where the test puts them. Test classes of this kind share one context (and database),
 * so they name what they create uniquely.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "adamant.worker.enabled=false", "adamant.queue.reaper-interval=1h" })
public abstract class NoWorkersApiTest {

	@LocalServerPort
	private int port;

	/** The API as the test admin. */
	protected Api api;

	@BeforeEach
	void connectApi() {
		this.api = new Api(this.port);
	}

}
