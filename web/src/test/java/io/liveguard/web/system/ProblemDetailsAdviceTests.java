package io.liveguard.web.system;

import java.util.List;
import java.util.Map;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.session.FieldError;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The advice answers a domain refusal with the status of its kind, and a body that breaks
 * its constraints with 400.
 */
class ProblemDetailsAdviceTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	@ParameterizedTest
	@CsvSource({ "INVALID, 400, Bad Request", "NOT_FOUND, 404, Not Found", "FORBIDDEN, 403, Forbidden",
			"CONFLICT, 409, Conflict", "UNPROCESSABLE, 422, Unprocessable Content",
			"UNAVAILABLE, 503, Service Unavailable" })
	void eachKindIsAnsweredWithItsStatusAndTheStatusTitleWhenTheExceptionNamesNone(DomainException.Kind kind,
			int status, String title) {
		ResponseEntity<ProblemDetail> answer = this.advice.domain(new Refusal(kind, null, "thing: is wrong"));

		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		ProblemDetail problem = answer.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getStatus()).isEqualTo(status);
		assertThat(problem.getTitle()).isEqualTo(title);
		assertThat(problem.getDetail()).isEqualTo("thing: is wrong");
		assertThat(problem.getProperties()).isNullOrEmpty();
	}

	@Test
	void theExceptionsTitleAndPropertiesAreThoseOfTheProblem() {
		Refusal refusal = new Refusal(DomainException.Kind.CONFLICT, "Session conflict", "sessionId: 's-1' differs",
				Map.of("contentHash", "sha256:abc", "errors", List.of(new FieldError("files", "given twice"))));

		ProblemDetail problem = this.advice.domain(refusal).getBody();

		assertThat(problem).isNotNull();
		assertThat(problem.getTitle()).isEqualTo("Session conflict");
		assertThat(problem.getDetail()).isEqualTo("sessionId: 's-1' differs");
		assertThat(problem.getProperties()).containsEntry("contentHash", "sha256:abc")
			.containsEntry("errors", List.of(new FieldError("files", "given twice")));
	}

	@Test
	void aBodyThatBreaksItsConstraintsIsInvalidNamingEveryFieldInTheOrderOfTheFields() throws Exception {
		BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Form(null, "x"), "form");
		result.rejectValue("username", "Pattern", "3 to 64 letters");
		result.rejectValue("password", "Size", "at least 12 characters");
		result.rejectValue("password", "Size", "at least 12 characters");
		MethodArgumentNotValidException ex = new MethodArgumentNotValidException(
				new MethodParameter(ProblemDetailsAdviceTests.class.getDeclaredMethod("take", Form.class), 0), result);

		ResponseEntity<Object> answer = this.advice.handleMethodArgumentNotValid(ex, new HttpHeaders(),
				HttpStatus.BAD_REQUEST, new ServletWebRequest(new MockHttpServletRequest()));

		assertThat(answer).isNotNull();
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ProblemDetail problem = (ProblemDetail) answer.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.getTitle()).isEqualTo("Invalid request");
		assertThat(problem.getDetail()).isEqualTo("password: at least 12 characters; username: 3 to 64 letters");
		assertThat(problem.getProperties()).containsEntry("errors", List
			.of(new FieldError("password", "at least 12 characters"), new FieldError("username", "3 to 64 letters")));
	}

	void take(Form form) {
	}

	record Form(@Nullable String username, @Nullable String password) {
	}

	private static final class Refusal extends DomainException {

		private final Map<String, Object> properties;

		Refusal(Kind kind, @Nullable String title, String detail) {
			this(kind, title, detail, Map.of());
		}

		Refusal(Kind kind, @Nullable String title, String detail, Map<String, Object> properties) {
			super(kind, title, detail);
			this.properties = properties;
		}

		@Override
		public Map<String, Object> properties() {
			return this.properties;
		}

	}

}
