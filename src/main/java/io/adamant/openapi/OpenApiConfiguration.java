package io.adamant.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Schema;
import io.adamant.metrics.EpochMetricsJson;
import io.adamant.metrics.EpochMetricsView;
import io.adamant.security.Caller;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The OpenAPI document at {@code /v3/api-docs} (and Swagger UI at
 * {@code /swagger-ui.html}): springdoc builds it from the controllers and the javadoc of
 * the code, {@link ApiDocument} finishes it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// a streamed download is a file; a stream of server-sent events is text
		SpringDocUtils.getConfig()
			.replaceWithSchema(StreamingResponseBody.class, Schemas.ofType("string").format("binary"))
			.replaceWithSchema(ResponseBodyEmitter.class, Schemas.ofType("string"))
			.replaceWithSchema(SseEmitter.class, Schemas.ofType("string"))
			// a sweep's axis values and base spec are any JSON
			.replaceWithSchema(tools.jackson.databind.JsonNode.class,
					new io.swagger.v3.oas.models.media.Schema<>().description("Any JSON value"))
			// written as the array it holds
			.replaceWithSchema(EpochMetricsJson.class,
					new ArraySchema().items(new Schema<>().$ref(EpochMetricsView.class.getSimpleName())))
			// the caller comes from the API key, not from the request's parameters
			.addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	OpenApiCustomizer adamantApiDocument(BeanFactory beanFactory) {
		ClassLoader classLoader = OpenApiConfiguration.class.getClassLoader();
		return new ApiDocument(PolymorphicSchemas.scan(AutoConfigurationPackages.get(beanFactory), classLoader),
				OperationExamples.load(classLoader));
	}

	@Bean
	PropertyCustomizer adamantBoundsProperties() {
		return new BoundsProperties();
	}

}
