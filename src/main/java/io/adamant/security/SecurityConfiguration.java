package io.adamant.security;

import java.util.List;

import io.adamant.api.JsonBodyLimitFilter;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The filters every request passes, in order: security headers, then the API key, then
 * the JSON body limit (an unauthenticated client cannot make the service read a body).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		return registration(new SecurityHeadersFilter(), Ordered.HIGHEST_PRECEDENCE + 10);
	}

	@Bean
	FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthenticationFilter(ApiKeys keys, ObjectMapper json) {
		return registration(new ApiKeyAuthenticationFilter(keys, json), Ordered.HIGHEST_PRECEDENCE + 20);
	}

	@Bean
	FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter(SecurityProperties properties, ObjectMapper json) {
		return registration(new JsonBodyLimitFilter(properties.maxJsonBody(), json), Ordered.HIGHEST_PRECEDENCE + 30);
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new CallerArgumentResolver());
	}

	private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
		FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
		registration.setOrder(order);
		return registration;
	}

}
