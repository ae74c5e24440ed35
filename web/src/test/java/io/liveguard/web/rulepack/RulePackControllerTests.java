package io.liveguard.web.rulepack;

import java.time.Instant;
import java.util.List;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.web.apikey.ApiKeys;
import io.liveguard.web.system.PasswordConfiguration;
import io.liveguard.web.system.SecurityConfiguration;
import io.liveguard.web.throttle.AuthenticationThrottle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The rule packs API's request bodies: a body that breaks its rules answers 400 "Invalid
 * request" naming each field, before the lifecycle is asked anything.
 */
@WebMvcTest(RulePackController.class)
@Import({ SecurityConfiguration.class, PasswordConfiguration.class, AuthenticationThrottle.class })
class RulePackControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@MockitoBean
	private RulePackLifecycle lifecycle;

	@MockitoBean
	private RuleStatistics statistics;

	@MockitoBean
	private RulePackTesting testing;

	@MockitoBean
	private ApiKeys apiKeys;

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~',
			textBlock = """
					{}                                                              | files     | a pack version needs its files
					{"files":[]}                                                    | files     | a pack version needs its files
					{"files":[null]}                                                | files[0]  | must not be null
					{"files":[{"content":"x"}]}                                     | files[0].path | is required
					{"files":[{"path":"/etc/passwd","content":"x"}]}                | files[0].path | '/etc/passwd' is not a relative path inside the pack
					{"files":[{"path":"rules/../../x.drl","content":"x"}]}          | files[0].path | is not a relative path inside the pack
					{"files":[{"path":"rules\\\\x.drl","content":"x"}]}              | files[0].path | is not a relative path inside the pack
					{"files":[{"path":"   ","content":"x"}]}                        | files[0].path | is not a relative path inside the pack
					{"files":[{"path":"rules/x.drl"}]}                              | files[0].content | has no content
					""")
	void aDraftWhoseFilesBreakTheRulesIsRefusedNamingTheField(String body, String field, String message) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/rule-packs/default/versions")
			.with(user("lan").roles("ANALYST"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Invalid request");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").asString().contains(message);
		verifyNoInteractions(this.lifecycle);
	}

	@Test
	void aNoteOfMoreThan2000CharactersIsRefused() {
		String body = "{\"note\":\"" + "n".repeat(RulePackLifecycle.MAX_NOTE + 1)
				+ "\",\"files\":[{\"path\":\"pack.properties\",\"content\":\"x\"}]}";

		MvcTestResult result = this.mvc.put()
			.uri("/api/v1/rule-packs/default/versions/3")
			.with(user("lan").roles("ANALYST"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("note");
		assertThat(result).bodyJson().extractingPath("$.errors[0].message").isEqualTo("at most 2000 characters");
		verifyNoInteractions(this.lifecycle);
	}

	@Test
	void aPublicationMustNameTheContentReviewed() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/rule-packs/default/versions/3/publish")
			.with(user("root").roles("ADMIN"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"contentHash\":\" \"}")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("contentHash");
		verifyNoInteractions(this.lifecycle);
	}

	@Test
	void aValidDraftIsCreatedWithItsLocation() {
		List<PackFile> files = List.of(new PackFile("rules/a.drl", "package a;"));
		given(this.lifecycle.createDraft("default", 2, "a note", files, "lan")).willReturn(new PackVersion("default", 4,
				PackVersion.Status.DRAFT, 2, "a note", "lan", Instant.EPOCH, Instant.EPOCH, null, null, files));

		assertThat(this.mvc.post()
			.uri("/api/v1/rule-packs/default/versions")
			.with(user("lan").roles("ANALYST"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"basedOn\":2,\"note\":\"a note\",\"files\":[{\"path\":\"rules/a.drl\",\"content\":\"package a;\"}]}"))
			.hasStatus(HttpStatus.CREATED)
			.hasHeader("Location", "/api/v1/rule-packs/default/versions/4")
			.bodyJson()
			.extractingPath("$.version")
			.isEqualTo(4);
	}

}
