package io.adamant.support;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A test of the running service through its HTTP API, in the shared integration context.
 */
@IntegrationTest
public abstract class HttpApiTest {

	@LocalServerPort
	private int port;

	protected Api api;

	@BeforeEach
	void connectApi() {
		this.api = new Api(this.port);
	}

}
