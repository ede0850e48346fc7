package io.adamant.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;

/**
 * Writes a problem response from a servlet filter, where the exception handler cannot
 * reach: the same RFC 9457 body the handler writes.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, ApiException problem,
			ObjectMapper json) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", ProblemTypes.uri(problem.type()).toString());
		body.put("title", problem.title());
		body.put("status", problem.status().value());
		body.put("detail", problem.getMessage());
		body.put("instance", request.getRequestURI());
		if (!problem.errors().isEmpty()) {
			body.put("errors", problem.errors());
		}
		response.setStatus(problem.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		json.writeValue(response.getOutputStream(), body);
	}

}
