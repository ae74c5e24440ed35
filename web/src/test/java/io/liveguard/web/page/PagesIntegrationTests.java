package io.liveguard.web.page;

import java.nio.charset.StandardCharsets;

import io.liveguard.web.user.PageUsers;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The login page, the home redirect, the language switch and the static resources. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class PagesIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void theLoginPageRendersWithoutAuthenticationAndNeedsOnlyTheStylesheet() {
		String page = body(this.mvc.get().uri("/login").exchange());

		assertThat(page).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.contains("<form class=\"stack\" action=\"/login\" method=\"post\">", "name=\"_csrf\"",
					"name=\"username\"", "name=\"password\"")
			.contains("<link rel=\"stylesheet\" href=\"/css/liveguard.css\">")
			.doesNotContain("<script", "Log out", "Wrong username");
		assertThat(page.split("(src|href)=\"/", -1)).as("one resource: the stylesheet (and the home link)").hasSize(3);
		assertThat(body(this.mvc.get().uri("/login?error").exchange()))
			.contains("Wrong username or password, or the account is locked.");
		assertThat(body(this.mvc.get().uri("/login?logout").exchange())).contains("You have been logged out.");
		assertThat(this.mvc.get().uri("/css/liveguard.css")).hasStatusOk().bodyText().contains(".table-wrap");
	}

	@Test
	void homeSendsEachRoleToItsPage() {
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.seller("miracle", "shop-miracle"))))
			.hasRedirectedUrl("/seller");
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.analyst("analyst")))).hasRedirectedUrl("/analyst/appeals");
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.admin("admin")))).hasRedirectedUrl("/admin/penalty-runs");
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.platform("platform")))).hasRedirectedUrl("/swagger-ui.html");
		assertThat(this.mvc.get().uri("/login").with(user(PageUsers.admin("admin")))).hasRedirectedUrl("/");
	}

	@Test
	void theNavigationFollowsTheRole() {
		String admin = body(this.mvc.get().uri("/admin/penalty-runs").with(user(PageUsers.admin("admin"))).exchange());
		assertThat(admin).contains("href=\"/admin/users\"", "href=\"/admin/api-keys\"", "href=\"/admin/penalty-runs\"",
				"href=\"/admin/audit\"", "Signed in as admin", "<form action=\"/logout\" method=\"post\">")
			.doesNotContain("href=\"/seller\"", "href=\"/analyst/appeals\"");
		String analyst = body(this.mvc.get().uri("/analyst/appeals").with(user(PageUsers.analyst("analyst"))).exchange());
		assertThat(analyst).contains("href=\"/analyst/appeals\"").doesNotContain("href=\"/admin/users\"");
	}

	@Test
	void theLanguageIsChosenWithLangAndRemembered() {
		MvcTestResult chosen = this.mvc.get().uri("/login?lang=vi").exchange();
		assertThat(body(chosen)).contains("<html lang=\"vi\">", "Đăng nhập", "Tên đăng nhập", "Mật khẩu");
		Cookie cookie = chosen.getResponse().getCookie(PageConfiguration.COOKIE);
		assertThat(cookie.getValue()).isEqualTo("vi");

		assertThat(body(this.mvc.get().uri("/login").cookie(cookie).exchange())).contains("Đăng nhập");
		assertThat(body(this.mvc.get().uri("/login?lang=en").cookie(cookie).exchange())).contains("Log in")
			.doesNotContain("Đăng nhập");
	}

	@Test
	void withoutAChoiceTheBrowsersLanguageCountsIfWeHaveIt() {
		assertThat(body(this.mvc.get().uri("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "vi-VN,vi;q=0.9,en;q=0.5").exchange()))
			.contains("<html lang=\"vi\">", "Đăng nhập");
		assertThat(body(this.mvc.get().uri("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,fr;q=0.8,vi;q=0.5").exchange()))
			.contains("<html lang=\"vi\">");
		assertThat(body(this.mvc.get().uri("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,fr;q=0.8").exchange()))
			.contains("<html lang=\"en\">", "Log in");
		assertThat(body(this.mvc.get().uri("/login?lang=xx").header(HttpHeaders.ACCEPT_LANGUAGE, "de").exchange()))
			.contains("<html lang=\"en\">");
	}

	@Test
	void theWebJarsAreServedWithoutVersionsInTheirPaths() {
		assertThat(this.mvc.get().uri("/webjars/htmx.org/dist/htmx.min.js").with(user(PageUsers.admin("admin"))))
			.hasStatusOk()
			.bodyText()
			.contains("htmx");
		assertThat(this.mvc.get().uri("/webjars/chart.js/dist/chart.umd.min.js").with(user(PageUsers.admin("admin"))))
			.hasStatusOk()
			.bodyText()
			.contains("Chart");
	}

	private static String body(MvcTestResult result) {
		assertThat(result).hasStatus(HttpStatus.OK);
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
