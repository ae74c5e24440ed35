package io.liveguard.web.page;

import java.util.UUID;

import io.liveguard.web.user.PageUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.liveguard.web.page.AdminForms.between;
import static io.liveguard.web.page.AdminForms.body;
import static io.liveguard.web.page.AdminForms.page;
import static io.liveguard.web.page.AdminForms.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** The admin's users, API keys and audit log pages, through their forms. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class AdminPagesIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void anAdminCreatesASellerDisablesAndEnablesItAndEachStepIsAudited() {
		String username = "seller-" + UUID.randomUUID().toString().substring(0, 8);
		MockHttpSession session = new MockHttpSession();
		assertThat(post(this.mvc, session, "/admin/users", "username", username, "password", "a-long-enough-password",
				"role", "SELLER", "sellerId", "shop-pages"))
			.hasRedirectedUrl("/admin/users");
		String page = page(this.mvc, session, "/admin/users");
		assertThat(page).contains("User " + username + " created (SELLER).", "shop-pages", "id=\"user-" + username);
		assertThat(this.jdbc.sql("select password_hash from app_user where username = ?")
			.param(username)
			.query(String.class)
			.single()).startsWith("{bcrypt}");

		assertThat(post(this.mvc, session, "/admin/users/" + username + "/disable")).hasRedirectedUrl("/admin/users");
		assertThat(page(this.mvc, session, "/admin/users")).contains("User " + username + " is disabled");
		assertThat(this.jdbc.sql("select enabled from app_user where username = ?")
			.param(username)
			.query(Boolean.class)
			.single()).isFalse();
		assertThat(post(this.mvc, session, "/admin/users/" + username + "/enable")).hasRedirectedUrl("/admin/users");
		assertThat(this.jdbc.sql("select enabled from app_user where username = ?")
			.param(username)
			.query(Boolean.class)
			.single()).isTrue();

		String audit = page(this.mvc, session, "/admin/audit?principal=admin");
		assertThat(audit).contains("USER_CREATED", "USER_DISABLED", "USER_ENABLED", username);
		assertThat(page(this.mvc, session, "/admin/audit?type=USER_DISABLED")).contains("USER_DISABLED")
			.doesNotContain("data-type=\"USER_CREATED\"");
	}

	@Test
	void aRefusedUserComesBackAsAMessageAndNothingIsStored() {
		MockHttpSession session = new MockHttpSession();
		long before = this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
		assertThat(
				post(this.mvc, session, "/admin/users", "username", "weak-one", "password", "short", "role", "ANALYST"))
			.hasRedirectedUrl("/admin/users");
		assertThat(page(this.mvc, session, "/admin/users")).contains("Not done: password: at least 12 characters");
		assertThat(this.jdbc.sql("select count(*) from app_user").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aNewApiKeyIsShownOnceAndARotatedOneReplacesIt() {
		MockHttpSession session = new MockHttpSession();
		assertThat(post(this.mvc, session, "/admin/api-keys", "name", "Shop TH ingest"))
			.hasRedirectedUrl("/admin/api-keys");
		String shown = page(this.mvc, session, "/admin/api-keys");
		String key = between(shown, "<code class=\"secret\">", "</code>");
		assertThat(key).startsWith("lg_");
		assertThat(shown).contains("The key for Shop TH ingest, shown this once:");
		assertThat(page(this.mvc, session, "/admin/api-keys")).as("shown once").doesNotContain(key, "class=\"secret\"");

		String id = this.jdbc.sql("select id from api_key where name = 'Shop TH ingest'").query(String.class).single();
		assertThat(post(this.mvc, session, "/admin/api-keys/" + id + "/rotate")).hasRedirectedUrl("/admin/api-keys");
		String rotated = between(page(this.mvc, session, "/admin/api-keys"), "<code class=\"secret\">", "</code>");
		assertThat(rotated).startsWith("lg_").isNotEqualTo(key);
		assertThat(post(this.mvc, session, "/admin/api-keys/" + id + "/revoke")).hasRedirectedUrl("/admin/api-keys");
		assertThat(page(this.mvc, session, "/admin/api-keys")).contains("Key Shop TH ingest is revoked.", "Revoked");
		assertThat(this.jdbc.sql("select revoked_at is not null from api_key where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(page(this.mvc, session, "/admin/audit?type=API_KEY_ROTATED")).contains(id);
	}

	@Test
	void theAdminPagesSpeakVietnamese() {
		MockHttpSession session = new MockHttpSession();
		assertThat(body(this.mvc.get()
			.uri("/admin/users?lang=vi")
			.session(session)
			.with(user(PageUsers.admin("admin")))
			.exchange())).contains("Tạo người dùng", "Đặt mật khẩu");
		assertThat(body(this.mvc.get()
			.uri("/admin/api-keys?lang=vi")
			.session(session)
			.with(user(PageUsers.admin("admin")))
			.exchange())).contains("Khóa API");
	}

}
