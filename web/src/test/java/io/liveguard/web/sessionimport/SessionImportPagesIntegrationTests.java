package io.liveguard.web.sessionimport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.liveguard.batch.sessionimport.SessionImports;
import io.liveguard.web.user.PageUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The imports page: the latest imports with their counts, and the quarantined lines htmx
 * fetches.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SessionImportPagesIntegrationTests {

	private static final UserDetails ADMIN = PageUsers.admin("admin");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private SessionImports imports;

	@Test
	void listsAFinishedImportWithItsCountsAndShowsItsQuarantinedLines() throws Exception {
		// given
		Path file = new ClassPathResource("imports/mixed.ndjson").getFile().toPath();
		SessionImports.ImportStatus done = this.imports.runAndWait(file, "page-test.ndjson", "admin");

		// when
		String page = body(this.mvc.get().uri("/admin/imports").with(user(ADMIN)).exchange());
		String quarantine = body(
				this.mvc.get().uri("/admin/imports/{id}/quarantine", done.importId()).with(user(ADMIN)).exchange());
		MvcTestResult restart = this.mvc.post()
			.uri("/admin/imports/{id}/restart", done.importId())
			.with(user(ADMIN))
			.with(csrf())
			.exchange();

		// then
		assertThat(page).contains("page-test.ndjson", "id=\"import-" + done.importId() + "\"",
				"data-status=\"COMPLETED\"", "href=\"/admin/imports\"");
		assertThat(page).doesNotContain("hx-get=\"/admin/imports/" + done.importId() + "/row\"");
		assertThat(quarantine).contains("line 4", "line 9 (session ex-clean-001)", "different content");
		assertThat(restart).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/admin/imports");
		assertThat(this.mvc.get().uri("/admin/imports/987654/row").with(user(ADMIN)).exchange())
			.hasStatus(HttpStatus.NOT_FOUND);
	}

	private static String body(MvcTestResult result) throws Exception {
		assertThat(result).hasStatusOk();
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
