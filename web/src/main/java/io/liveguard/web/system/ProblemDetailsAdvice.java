package io.liveguard.web.system;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.rulepack.ScoringException;
import io.liveguard.engine.session.FieldError;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.SessionCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;

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
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into an RFC 9457 problem detail ({@code application/problem+json})
 * whose {@code detail} names the offending field. The features' refusals arrive as
 * {@link DomainException}s and their kind picks the status here; request bodies that
 * break their constraints ({@code @Valid}) and Spring MVC's own exceptions go through
 * {@link ResponseEntityExceptionHandler}; the security filters hand their 401, 403 and
 * 429 here too.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	/**
	 * A session record that does not follow the session format: 400 with every field
	 * error.
	 */
	@ExceptionHandler
	ProblemDetail invalidSession(InvalidSessionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid session record");
		problem.setProperty("errors", ex.errors());
		return problem;
	}

	/**
	 * A service refused in the domain's words: the kind decides the status, the rest is
	 * the problem.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> domain(DomainException ex) {
		HttpStatus status = switch (ex.kind()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case CONFLICT -> HttpStatus.CONFLICT;
			case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
		};
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.detail());
		if (ex.title() != null) {
			problem.setTitle(ex.title());
		}
		ex.properties().forEach(problem::setProperty);
		return ResponseEntity.status(status).body(problem);
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
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role may not do this");
		problem.setTitle("Forbidden");
		return problem;
	}

	/**
	 * A rule pack failed on a session (a looping or throwing rule): the pack's fault, not
	 * the caller's.
	 */
	@ExceptionHandler
	ProblemDetail scoringFailed(ScoringException ex) {
		log.error("Scoring failed", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, ex.getMessage());
		problem.setTitle("Scoring failed");
		return problem;
	}

	/**
	 * Anything else is our fault; the detail stays generic and the cause goes to the log.
	 */
	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred; it has been logged");
		problem.setTitle("Internal Server Error");
		return problem;
	}

	/**
	 * A body over {@code liveguard.input.max-record-size} is 413; a body of the wrong
	 * JSON types is 400 naming the field, as the session codec names it.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		JsonBodyLimitFilter.BodyTooLargeException tooLarge = cause(ex, JsonBodyLimitFilter.BodyTooLargeException.class);
		if (tooLarge != null || cause(ex, StreamConstraintsException.class) != null) {
			HttpStatus payloadTooLarge = HttpStatus.CONTENT_TOO_LARGE;
			String detail = "request body: is larger than the limit"
					+ ((tooLarge != null) ? " of " + tooLarge.limit() + " bytes" : " of its length, nesting or numbers")
					+ " (liveguard.input.max-record-size)";
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(payloadTooLarge, detail);
			problem.setTitle("Request body too large");
			return handleExceptionInternal(ex, problem, headers, payloadTooLarge, request);
		}
		DatabindException mapping = cause(ex, DatabindException.class);
		FieldError error = (mapping != null) ? SessionCodec.describe(mapping)
				: new FieldError("", "request body is missing or is not readable");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				(mapping != null) ? error.toString() : "request body: is missing or is not readable");
		problem.setTitle("Unreadable request body");
		problem.setProperty("errors", List.of(error));
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A path variable or parameter that breaks its constraint, such as an id with a
	 * {@code /}: 400 naming it.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap((result) -> result.getResolvableErrors()
				.stream()
				.map((error) -> new FieldError(String.valueOf(result.getMethodParameter().getParameterName()),
						String.valueOf(error.getDefaultMessage()))))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * A request body that breaks the constraints of its record: 400 naming every field,
	 * in the same shape as a parameter that breaks its constraint, in the order of the
	 * fields.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new FieldError(error.getField(), String.valueOf(error.getDefaultMessage())))
			.distinct()
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
				errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
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
