package io.adamant.support;

import java.util.ArrayList;
import java.util.List;

import io.adamant.AdamantApplication;
import io.adamant.NativeDefaults;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole service instances, each a Spring application of its own on a random port, over
 * one test database: for tests of what several instances, restarts and crashes do.
 */
public final class ServiceInstances {

	private ServiceInstances() {
	}

	/**
	 * Starts an instance over {@code database}.
	 * @param settings further command-line settings, e.g.
	 * {@code --adamant.worker.enabled=false}
	 */
	public static ConfigurableApplicationContext start(TestDatabase.Database database, String... settings) {
		NativeDefaults.apply();
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database.url(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		arguments.addAll(List.of(settings));
		return new SpringApplicationBuilder(AdamantApplication.class).run(arguments.toArray(String[]::new));
	}

	/** A client of a started instance. */
	public static Api api(ConfigurableApplicationContext instance) {
		return new Api(((WebServerApplicationContext) instance).getWebServer().getPort());
	}

}
