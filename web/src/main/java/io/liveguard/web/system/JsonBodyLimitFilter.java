package io.liveguard.web.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds JSON request bodies to {@code liveguard.input.max-record-size}. The servlet
 * container limits only form posts, and a {@code @RequestBody} is read whole into memory,
 * so without this a body of any size would be. A body that declares a larger
 * {@code Content-Length} fails on its first read; one sent in chunks fails as soon as it
 * passes the limit. The failure reaches {@link ProblemDetailsAdvice} as an unreadable
 * body and is answered 413. NDJSON lines have their own limit ({@code NdjsonLines}); the
 * bulk import takes files of any size and type.
 */
class JsonBodyLimitFilter extends OncePerRequestFilter {

	private static final String IMPORTS = "/api/v1/imports";

	private final long limit;

	JsonBodyLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !isJson(request.getContentType())
				|| (HttpMethod.POST.matches(request.getMethod()) && IMPORTS.equals(request.getRequestURI()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		chain.doFilter(new LimitedRequest(request, this.limit), response);
	}

	private static boolean isJson(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardType()
					|| "json".equals(type.getSubtypeSuffix());
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/** The body was larger than the limit; the rest of it was not read. */
	static final class BodyTooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		private final long limit;

		BodyTooLargeException(long limit) {
			super("request body is larger than the limit of " + limit + " bytes");
			this.limit = limit;
		}

		long limit() {
			return this.limit;
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private @Nullable ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedStream(super.getInputStream(), this.limit, getContentLengthLong());
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

	private static final class LimitedStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private final long declared;

		private long count;

		LimitedStream(ServletInputStream in, long limit, long declared) {
			this.in = in;
			this.limit = limit;
			this.declared = declared;
		}

		@Override
		public int read() throws IOException {
			check(0);
			int read = this.in.read();
			if (read >= 0) {
				check(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			check(0);
			int read = this.in.read(buffer, offset, (int) Math.min(length, this.limit - this.count + 1));
			if (read > 0) {
				check(read);
			}
			return read;
		}

		private void check(int read) throws BodyTooLargeException {
			this.count += read;
			if (this.declared > this.limit || this.count > this.limit) {
				throw new BodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

	}

}
