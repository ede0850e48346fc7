package io.adamant.openapi;

import java.util.Arrays;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * Turns the javadoc that springdoc copies into the document into the Markdown that
 * OpenAPI descriptions are written in: one line per paragraph, {@code code} in backticks,
 * links as their text.
 */
final class Descriptions {

	private static final Pattern PARAGRAPHS = Pattern.compile("\\s*<p>\\s*|\\n\\s*\\n");

	private static final Pattern CODE = Pattern.compile("<code>(.*?)</code>|\\{@code\\s+([^}]*)}");

	private static final Pattern LINK = Pattern.compile("\\{@link(?:plain)?\\s+([^\\s}]+)(?:\\s+([^}]+))?}");

	private Descriptions() {
	}

	static String clean(String javadoc) {
		if (javadoc == null) {
			return null;
		}
		String text = Arrays.stream(PARAGRAPHS.split(javadoc.strip()))
			.map(paragraph -> paragraph.strip().replaceAll("\\s+", " "))
			.filter(paragraph -> !paragraph.isEmpty())
			.collect(Collectors.joining("\n\n"));
		text = replace(CODE, text, match -> "`" + ((match.group(1) != null) ? match.group(1) : match.group(2)) + "`");
		return replace(LINK, text, match -> (match.group(2) != null) ? match.group(2).strip() : match.group(1)
			.substring(Math.max(match.group(1).lastIndexOf('#'), match.group(1).lastIndexOf('.')) + 1));
	}

	private static String replace(Pattern pattern, String text, Function<Matcher, String> by) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			matcher.appendReplacement(result, Matcher.quoteReplacement(by.apply(matcher)));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/** Cleans every description and summary of the document. */
	static void cleanAll(OpenAPI api) {
		if (api.getTags() != null) {
			for (Tag tag : api.getTags()) {
				tag.setDescription(clean(tag.getDescription()));
			}
		}
		for (Operation operation : Schemas.operations(api)) {
			operation.setSummary(clean(operation.getSummary()));
			operation.setDescription(clean(operation.getDescription()));
			if (operation.getParameters() != null) {
				for (Parameter parameter : operation.getParameters()) {
					parameter.setDescription(clean(parameter.getDescription()));
				}
			}
			if (operation.getRequestBody() != null) {
				operation.getRequestBody().setDescription(clean(operation.getRequestBody().getDescription()));
			}
			if (operation.getResponses() != null) {
				for (ApiResponse response : operation.getResponses().values()) {
					response.setDescription(clean(response.getDescription()));
					if (response.getHeaders() != null) {
						for (Header header : response.getHeaders().values()) {
							header.setDescription(clean(header.getDescription()));
						}
					}
				}
			}
		}
		Schemas.rewriteAll(api, schema -> {
			schema.setDescription(clean(schema.getDescription()));
			return schema;
		});
	}

}
