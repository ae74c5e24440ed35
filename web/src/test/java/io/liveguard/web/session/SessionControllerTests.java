package io.liveguard.web.session;

import java.util.List;
import java.util.Optional;

import io.liveguard.engine.session.FieldError;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.NdjsonLines;
import io.liveguard.web.apikey.ApiKeys;
import io.liveguard.web.system.InputProperties;
import io.liveguard.web.system.PasswordConfiguration;
import io.liveguard.web.system.SecurityConfiguration;
import io.liveguard.web.throttle.AuthenticationThrottle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * How the sessions API maps ingest outcomes and failures to HTTP, with the real security
 * rules.
 */
@WebMvcTest(SessionController.class)
@Import({ SecurityConfiguration.class, PasswordConfiguration.class, AuthenticationThrottle.class })
@EnableConfigurationProperties(InputProperties.class)
class SessionControllerTests {

	private static final String CARD = """
			{"sessionId":"s-1","sellerId":"shop-1","market":"VN","businessDate":"2026-11-20",\
			"rulePack":{"id":"default","version":1},"contentScore":100,"violationPoints":0,"findings":[],\
			"scoredAt":"2026-11-20T13:00:00Z"}""";

	private static final String RECORD = "{\"sessionId\":\"s-1\"}";

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private SessionIngest ingest;

	@MockitoBean
	private Sessions sessions;

	@MockitoBean
	private ApiKeys apiKeys;

	@Test
	void newSessionAnswers201WithItsScoreCardAndLocation() {
		given(this.ingest.ingest(RECORD)).willReturn(new IngestResult("s-1", true, CARD));

		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://localhost/api/v1/sessions/s-1")
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyText()
			.isEqualTo(CARD);
	}

	@Test
	void sessionIdWithReservedCharactersIsEncodedInLocation() {
		given(this.ingest.ingest(RECORD)).willReturn(new IngestResult("a/b c", true, CARD));

		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("admin").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "http://localhost/api/v1/sessions/a%2Fb%20c");
	}

	@Test
	void repeatedSessionAnswers200WithTheStoredCard() {
		given(this.ingest.ingest(RECORD)).willReturn(new IngestResult("s-1", false, CARD));

		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatusOk().doesNotContainHeader("Location").bodyText().isEqualTo(CARD);
	}

	@Test
	void conflictingSessionAnswers409Problem() {
		given(this.ingest.ingest(RECORD)).willThrow(new SessionConflict("s-1"));

		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatus(HttpStatus.CONFLICT)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("sessionId: 's-1'");
	}

	@Test
	void invalidRecordAnswers400ProblemNamingTheField() {
		given(this.ingest.ingest(RECORD)).willThrow(new InvalidSessionException(
				List.of(new FieldError("endedAt", "must be after startedAt (2026-11-20T12:00:00Z)"))));

		var result = assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		result.bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("endedAt: must be after startedAt (2026-11-20T12:00:00Z)");
		result.bodyJson().extractingPath("$.errors[0].field").isEqualTo("endedAt");
		result.bodyJson().extractingPath("$.status").isEqualTo(400);
	}

	@Test
	void unexpectedFailureAnswers500ProblemWithoutInternals() {
		given(this.ingest.ingest(RECORD)).willThrow(new IllegalStateException("connection pool exhausted"));

		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyText()
			.doesNotContain("connection pool");
	}

	@Test
	void requestWithoutCredentialsAnswers401ProblemWithBasicChallenge() {
		assertThat(this.mvc.post().uri("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON).content(RECORD))
			.hasStatus(HttpStatus.UNAUTHORIZED)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.hasHeader("WWW-Authenticate", "Basic realm=\"LiveGuard\"");
		verifyNoInteractions(this.ingest);
	}

	@Test
	void userWhoMayNotIngestAnswers403Problem() {
		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("analyst").roles("ANALYST"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(RECORD)).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.ingest);
	}

	@Test
	void wrongContentTypeAnswers415ProblemNamingTheExpectedType() {
		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.TEXT_PLAIN)
			.content(RECORD)).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("text/plain", "application/json");
	}

	@Test
	void missingBodyAnswers400Problem() {
		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.ingest);
	}

	@Test
	void ndjsonUploadAnswersTheSummary() throws Exception {
		given(this.ingest.ingestLines(any(NdjsonLines.class))).willReturn(new BatchSummary(2, 1,
				List.of(new BatchSummary.Rejection(3, null, "is not readable JSON: Unexpected end-of-input"))));

		var result = assertThat(this.mvc.post()
			.uri("/api/v1/sessions/batch")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.parseMediaType("application/x-ndjson"))
			.content("{}\n{}\n")).hasStatusOk();
		result.bodyJson().isEqualTo("""
				{"accepted":2,"duplicates":1,"rejected":[{"line":3,"sessionId":null,
				"error":"is not readable JSON: Unexpected end-of-input"}]}""");
	}

	@Test
	void ndjsonUploadWithJsonContentTypeAnswers415() {
		assertThat(this.mvc.post()
			.uri("/api/v1/sessions/batch")
			.with(user("platform").roles("PLATFORM"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("application/x-ndjson");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a:b c", "a+b", "shöp", "x!", "a@b" })
	void sessionIdOutsideTheFormatInThePathAnswers400Problem(String id) {
		assertThat(this.mvc.get().uri("/api/v1/sessions/{id}", id).with(user("analyst").roles("ANALYST")))
			.hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("sessionId: must be 1-128 characters of A-Z a-z 0-9 . _ : -");
		verifyNoInteractions(this.sessions);
	}

	@Test
	void sessionIdOfMoreThan128CharactersInThePathAnswers400() {
		assertThat(this.mvc.get()
			.uri("/api/v1/sessions/{id}/score", "s".repeat(129))
			.with(user("analyst").roles("ANALYST"))).hasStatus(HttpStatus.BAD_REQUEST)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		verifyNoInteractions(this.sessions);
	}

	@Test
	void storedSessionIsServedWithItsRecordAndCard() {
		given(this.sessions.find("s-1"))
			.willReturn(Optional.of(new StoredSession("s-1", "shop-1", "hash", RECORD, CARD)));

		assertThat(this.mvc.get().uri("/api/v1/sessions/s-1").with(user("analyst").roles("ANALYST"))).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo("{\"record\":" + RECORD + ",\"scoreCard\":" + CARD + "}");
		assertThat(this.mvc.get().uri("/api/v1/sessions/s-1/score").with(user("analyst").roles("ANALYST")))
			.hasStatusOk()
			.bodyText()
			.isEqualTo(CARD);
	}

	@Test
	void unknownSessionAnswers404Problem() {
		given(this.sessions.find("nope")).willReturn(Optional.empty());

		assertThat(this.mvc.get().uri("/api/v1/sessions/nope/score").with(user("analyst").roles("ANALYST")))
			.hasStatus(HttpStatus.NOT_FOUND)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("sessionId: no session 'nope'");
	}

}
