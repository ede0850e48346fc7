package io.adamant.support;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every Spring test context its own fresh database on the run's test server,
 * registered in {@code META-INF/spring.factories} so that no test has to ask for it.
 */
class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new FreshDatabaseCustomizer();
	}

	private static final class FreshDatabaseCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			TestDatabase.Database database = TestDatabase.newDatabase();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("adamant-test-database",
						Map.of("spring.datasource.url", database.url(), "spring.datasource.username",
								database.username(), "spring.datasource.password", database.password())));
		}

		// every instance is equal so that contexts are still cached by their other
		// settings
		@Override
		public boolean equals(Object other) {
			return other instanceof FreshDatabaseCustomizer;
		}

		@Override
		public int hashCode() {
			return FreshDatabaseCustomizer.class.hashCode();
		}

	}

}
