package io.adamant.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.adamant.api.ApiException;
import io.adamant.api.ProblemResponses;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to the API or to the actuator through only with a valid API key, and
 * puts its {@link Caller} on the request. Health, the OpenAPI document and Swagger UI are
 * public.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String CALLER_ATTRIBUTE = Caller.class.getName();

	private final ApiKeys keys;

	private final ObjectMapper json;

	ApiKeyAuthenticationFilter(ApiKeys keys, ObjectMapper json) {
		this.keys = keys;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean protectedPath = path.startsWith("/api/") || path.startsWith("/actuator");
		boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
		return !protectedPath || health;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> secret = secret(request);
		if (secret.isEmpty()) {
			refuse(request, response, AuthenticationRequiredException.missingKey());
			return;
		}
		Optional<Caller> caller = this.keys.authenticate(secret.get());
		if (caller.isEmpty()) {
			refuse(request, response, AuthenticationRequiredException.invalidKey());
			return;
		}
		request.setAttribute(CALLER_ATTRIBUTE, caller.get());
		chain.doFilter(request, response);
	}

	private static Optional<String> secret(HttpServletRequest request) {
		String header = request.getHeader("X-API-Key");
		if (header != null && !header.isBlank()) {
			return Optional.of(header.trim());
		}
		String authorization = request.getHeader("Authorization");
		if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			String token = authorization.substring(7).trim();
			return token.isEmpty() ? Optional.empty() : Optional.of(token);
		}
		return Optional.empty();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ApiException problem)
			throws IOException {
		response.setHeader("WWW-Authenticate", "Bearer realm=\"adamant\"");
		ProblemResponses.write(request, response, problem, this.json);
	}

}
