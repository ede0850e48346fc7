package io.adamant.api;

import java.util.Locale;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters name enum values as the JSON does ({@code task=classification},
 * {@code status=QUEUED}, {@code kind=last-good}): case and dashes do not matter.
 */
@Configuration(proxyBeanMethods = false)
class QueryParameterConversion implements WebMvcConfigurer {

	@Override
	public void addFormatters(FormatterRegistry registry) {
		registry.addConverterFactory(new LenientEnums());
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final class LenientEnums implements ConverterFactory<String, Enum> {

		@Override
		public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
			return value -> {
				String name = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
				return name.isEmpty() ? null : (T) Enum.valueOf(type, name);
			};
		}

	}

}
