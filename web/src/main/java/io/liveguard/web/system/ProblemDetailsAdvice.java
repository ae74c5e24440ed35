package io.liveguard.web.system;

import java.util.List;
import java.util.stream.Collectors;

import io.liveguard.engine.rulepack.ScoringException;
import io.liveguard.engine.session.FieldError;
import io.liveguard.engine.session.InvalidSessionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem detail ({@code application/problem+json}) whose
 * {@code detail} names the offending field. Spring MVC's own exceptions and
 * {@link org.springframework.web.ErrorResponseException}s (404, 409 of the features) go through
 * {@link ResponseEntityExceptionHandler}; the security filters hand their 401 and 403 here too.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/** A session record that does not follow the session format: 400 with every field error. */
	@ExceptionHandler
	ProblemDetail invalidSession(InvalidSessionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid session record");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"Authentication is required: send an API key as 'Authorization: Bearer <key>' or HTTP Basic "
						+ "credentials of a LiveGuard user (unknown, wrong, disabled, revoked and temporarily locked "
						+ "credentials are refused alike)");
		problem.setTitle("Unauthorized");
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
	}

	@ExceptionHandler
	ProblemDetail forbidden(AccessDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"Your role may not do this");
		problem.setTitle("Forbidden");
		return problem;
	}

	/** A rule pack failed on a session (a looping or throwing rule): the pack's fault, not the caller's. */
	@ExceptionHandler
	ProblemDetail scoringFailed(ScoringException ex) {
		log.error("Scoring failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage());
		problem.setTitle("Scoring failed");
		return problem;
	}

	/** Anything else is our fault; the detail stays generic and the cause goes to the log. */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; it has been logged");
		problem.setTitle("Internal Server Error");
		return problem;
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"request body: is missing or is not readable");
		problem.setTitle("Unreadable request body");
		problem.setProperty("errors", List.of(new FieldError("", "request body is missing or is not readable")));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String supported = ex.getSupportedMediaTypes()
			.stream()
			.map(MediaType::toString)
			.collect(Collectors.joining(", "));
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				"Content-Type: '" + (ex.getContentType() == null ? "none" : ex.getContentType())
						+ "' is not supported here; send " + supported);
		problem.setTitle("Unsupported Media Type");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

}
