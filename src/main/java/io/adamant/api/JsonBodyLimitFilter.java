package io.adamant.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses JSON request bodies over a limit with a {@code 413} problem: at once when the
 * declared length is over it, and while reading when a chunked body runs over it.
 */
public class JsonBodyLimitFilter extends OncePerRequestFilter {

	private final DataSize limit;

	private final ObjectMapper json;

	public JsonBodyLimitFilter(DataSize limit, ObjectMapper json) {
		this.limit = limit;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String type = request.getContentType();
		return type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.limit.toBytes()) {
			ProblemResponses.write(request, response, tooLarge(this.limit), this.json);
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.limit.toBytes()), response);
	}

	static PayloadTooLargeException tooLarge(DataSize limit) {
		return PayloadTooLargeException.forField("body", limit);
	}

	/** Thrown while reading a body that has run over the limit. */
	static final class BodyTooLargeException extends IOException {

		private final transient DataSize limit;

		BodyTooLargeException(DataSize limit) {
			super("The request body is larger than " + limit);
			this.limit = limit;
		}

		DataSize limit() {
			return this.limit;
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long limit;

		private long read;

		LimitedStream(ServletInputStream delegate, long limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int value = this.delegate.read();
			if (value >= 0) {
				count(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int count = this.delegate.read(buffer, offset, length);
			if (count > 0) {
				count(count);
			}
			return count;
		}

		private void count(int bytes) throws BodyTooLargeException {
			this.read += bytes;
			if (this.read > this.limit) {
				throw new BodyTooLargeException(DataSize.ofBytes(this.limit));
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
