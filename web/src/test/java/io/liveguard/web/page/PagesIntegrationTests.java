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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The login page, the home redirect, the language switch and the static resources. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class PagesIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

	@Test
	void theLoginPageRendersWithoutAuthenticationAndNeedsOnlyTheStylesheet() {
		String page = body(this.mvc.get().uri("/login").exchange());

		assertThat(page).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.contains("<form class=\"stack\" action=\"/login\" method=\"post\">", "name=\"_csrf\"", "name=\"username\"",
					"name=\"password\"")
			.contains("<link rel=\"stylesheet\" href=\"/css/liveguard.css\">")
			.doesNotContain("<script", "Log out", "Wrong username");
		assertThat(page.split("(src|href)=\"/", -1)).as("one resource: the stylesheet (and the home link)").hasSize(3);
		assertThat(body(this.mvc.get().uri("/login?error").exchange()))
			.contains("Wrong username or password, or the account is locked.");
		assertThat(body(this.mvc.get().uri("/login?logout").exchange())).contains("You have been logged out.");
		assertThat(this.mvc.get().uri("/css/liveguard.css")).hasStatusOk().bodyText().contains(".table-wrap");
	}

	@Test
	void aSellerLogsInWithTheFormLandsOnItsPageAndLogsOut() {
		this.jdbc.sql("delete from app_user where username = 'hoa'").update();
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
				values ('hoa', ?, 'SELLER', 'shop-hoa', true, current_timestamp, 0)
				""").param(this.encoder.encode("hoa-password-for-tests")).update();

		MvcTestResult login = this.mvc.perform(formLogin("/login").user("hoa").password("hoa-password-for-tests"));
		assertThat(login).hasRedirectedUrl("/");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession();
		assertThat(this.mvc.get().uri("/").session(session)).hasRedirectedUrl("/seller");
		assertThat(body(this.mvc.get().uri("/seller").session(session).exchange())).contains("No sessions yet",
				"shop-hoa", "Signed in as hoa");

		assertThat(this.mvc.post().uri("/logout").session(session).with(csrf()).accept("text/html"))
			.hasRedirectedUrl("/login?logout");
		assertThat(this.mvc.perform(formLogin("/login").user("hoa").password("wrong")))
			.hasRedirectedUrl("/login?error");
	}

	@Test
	void homeSendsEachRoleToItsPage() {
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.seller("miracle", "shop-miracle"))))
			.hasRedirectedUrl("/seller");
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.analyst("analyst"))))
			.hasRedirectedUrl("/analyst/appeals");
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.admin("admin"))))
			.hasRedirectedUrl("/admin/penalty-runs");
		assertThat(this.mvc.get().uri("/").with(user(PageUsers.platform("platform"))))
			.hasRedirectedUrl("/swagger-ui.html");
		assertThat(this.mvc.get().uri("/login").with(user(PageUsers.admin("admin")))).hasRedirectedUrl("/");
	}

	@Test
	void theNavigationFollowsTheRole() {
		String admin = body(this.mvc.get().uri("/admin/penalty-runs").with(user(PageUsers.admin("admin"))).exchange());
		assertThat(admin)
			.contains("href=\"/admin/users\"", "href=\"/admin/api-keys\"", "href=\"/admin/penalty-runs\"",
					"href=\"/admin/audit\"", "Signed in as admin", "<form action=\"/logout\" method=\"post\">")
			.doesNotContain("href=\"/seller\"", "href=\"/analyst/appeals\"");
		String analyst = body(
				this.mvc.get().uri("/analyst/appeals").with(user(PageUsers.analyst("analyst"))).exchange());
		assertThat(analyst).contains("href=\"/analyst/appeals\"").doesNotContain("href=\"/admin/users\"");
	}

	@Test
	void theLanguageIsChosenWithLangAndRemembered() {
		var seller = user(PageUsers.seller("newcomer", "shop-new"));
		MvcTestResult chosen = this.mvc.get().uri("/seller?lang=vi").with(seller).exchange();
		assertThat(body(chosen)).contains("<html lang=\"vi\">", "Chưa có phiên nào", "Đăng xuất");
		Cookie cookie = chosen.getResponse().getCookie(PageConfiguration.COOKIE);
		assertThat(cookie.getValue()).isEqualTo("vi");

		assertThat(body(this.mvc.get().uri("/seller").with(seller).cookie(cookie).exchange())).contains("Đăng xuất");
		assertThat(body(this.mvc.get().uri("/login").cookie(cookie).exchange())).contains("Đăng nhập", "Mật khẩu");
		assertThat(body(this.mvc.get().uri("/seller?lang=en").with(seller).cookie(cookie).exchange()))
			.contains("No sessions yet")
			.doesNotContain("Đăng xuất");
		assertThat(body(this.mvc.get().uri("/seller?lang=xx").with(seller).cookie(cookie).exchange()))
			.as("an unknown language forgets the choice")
			.contains("<html lang=\"en\">");
	}

	@Test
	void withoutAChoiceTheBrowsersLanguageCountsIfWeHaveIt() {
		assertThat(body(
				this.mvc.get().uri("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "vi-VN,vi;q=0.9,en;q=0.5").exchange()))
			.contains("<html lang=\"vi\">", "Đăng nhập", "Tên đăng nhập");
		assertThat(body(
				this.mvc.get().uri("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,fr;q=0.8,vi;q=0.5").exchange()))
			.contains("<html lang=\"vi\">");
		assertThat(body(this.mvc.get().uri("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,fr;q=0.8").exchange()))
			.contains("<html lang=\"en\">", "Log in");
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
