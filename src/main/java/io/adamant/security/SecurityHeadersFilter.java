package io.adamant.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep browsers from sniffing, framing or caching API responses. Swagger UI
 * runs scripts, so the strict content security policy is for the API and actuator only.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		String path = request.getRequestURI();
		if (path.startsWith("/api/") || path.startsWith("/actuator")) {
			response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
			response.setHeader("Cache-Control", "no-store");
		}
		if (request.isSecure()) {
			response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		}
		chain.doFilter(request, response);
	}

}
