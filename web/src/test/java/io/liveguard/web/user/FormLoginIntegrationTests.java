package io.liveguard.web.user;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * People logging in to the pages: a CSRF token is required, failed logins lock the user
 * out from the address they came from (and only from there), logout is a POST, and a user
 * an admin disables is out at its next request. (That the session id changes at login is
 * checked in a real browser, {@code SellerJourneyBrowserTests}.)
 */
@SpringBootTest(properties = "liveguard.bootstrap.admin-password=" + FormLoginIntegrationTests.ADMIN_PASSWORD)
@AutoConfigureMockMvc
class FormLoginIntegrationTests {

	static final String ADMIN_PASSWORD = "form-login-admin-password";

	private static final String PASSWORD = "form-login-user-password";

	private static final String LOCAL = "127.0.0.1";

	private static final String STRANGER = "203.0.113.66";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

	@BeforeEach
	void users() {
		this.jdbc.sql("delete from login_lockout").update();
		for (String username : List.of("lan", "minh", "thu")) {
			this.jdbc.sql("delete from app_user where username = ?").param(username).update();
			this.jdbc.sql("""
					insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
					values (?, ?, 'ANALYST', null, true, current_timestamp, 0)
					""").params(username, this.encoder.encode(PASSWORD)).update();
		}
	}

	@Test
	void aLoginWithoutTheCsrfTokenIsRefused() {
		assertThat(this.mvc.post().uri("/login").param("username", "lan").param("password", PASSWORD)).hasStatus(403);
		assertThat(this.mvc.perform(formLogin("/login").user("lan").password(PASSWORD))).hasStatus3xxRedirection()
			.hasRedirectedUrl("/");
	}

	@Test
	void aLoginToThePagesIsAudited() {
		MockHttpSession session = new MockHttpSession();
		MvcResult result = this.mvc.post()
			.uri("/login")
			.session(session)
			.param("username", "minh")
			.param("password", PASSWORD)
			.with(csrf())
			.exchange()
			.getMvcResult();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		assertThat(this.jdbc.sql("select type from audit_event where principal = 'minh'").query(String.class).list())
			.contains("AUTHENTICATION_SUCCESS");
	}

	@Test
	void wrongPasswordsSendBackToTheFormAndFiveLockTheUserOutFromThatAddress() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.mvc.perform(formLogin("/login").user("thu").password("wrong-" + i)))
				.hasRedirectedUrl("/login?error");
		}
		assertThat(this.mvc.perform(formLogin("/login").user("thu").password(PASSWORD)))
			.hasRedirectedUrl("/login?error");
		assertThat(this.jdbc.sql("select locked_until from login_lockout where username = 'thu' and client_address = ?")
			.param(LOCAL)
			.query(java.time.OffsetDateTime.class)
			.single()).isNotNull();
	}

	@Test
	void aStrangerCannotLockAUserOut() {
		// given five wrong passwords for lan and for admin from a stranger's address
		for (int i = 0; i < 5; i++) {
			assertThat(login("lan", "wrong-" + i, STRANGER)).hasRedirectedUrl("/login?error");
			assertThat(login("admin", "wrong-" + i, STRANGER)).hasRedirectedUrl("/login?error");
		}
		// then both are locked out from there, even with the right password
		assertThat(login("lan", PASSWORD, STRANGER)).hasRedirectedUrl("/login?error");
		assertThat(login("admin", ADMIN_PASSWORD, STRANGER)).hasRedirectedUrl("/login?error");
		assertThat(this.jdbc.sql("select type from audit_event where principal = 'admin'").query(String.class).list())
			.contains("ACCOUNT_LOCKED");
		// but log in as usual from their own addresses
		assertThat(login("lan", PASSWORD, LOCAL)).hasRedirectedUrl("/");
		assertThat(login("admin", ADMIN_PASSWORD, "192.0.2.10")).hasRedirectedUrl("/");
		assertThat(this.mvc.get().uri("/api/v1/users/lan").with(httpBasic("admin", ADMIN_PASSWORD))).hasStatusOk();
		// an admin enabling the user lifts the stranger's lockout too
		assertThat(this.mvc.post().uri("/api/v1/users/lan/enable").with(httpBasic("admin", ADMIN_PASSWORD)))
			.hasStatusOk();
		assertThat(login("lan", PASSWORD, STRANGER)).hasRedirectedUrl("/");
	}

	@Test
	void logoutIsAPostWithTheTokenAndEndsTheSession() {
		MockHttpSession session = login("lan");
		assertThat(this.mvc.get().uri("/v3/api-docs").session(session)).hasStatusOk();
		assertThat(this.mvc.post().uri("/logout").session(session)).hasStatus(403);
		assertThat(this.mvc.post().uri("/logout").session(session).with(csrf()).accept("text/html"))
			.hasRedirectedUrl("/login?logout");
		assertThat(this.mvc.get().uri("/v3/api-docs").session(session).accept("text/html")).hasStatus3xxRedirection();
	}

	@Test
	void aDisabledUsersSessionEndsAtItsNextRequest() {
		MockHttpSession session = login("lan");
		assertThat(this.mvc.get().uri("/v3/api-docs").session(session)).hasStatusOk();
		assertThat(
				this.mvc.post().uri("/api/v1/users/lan/disable").with(httpBasic("admin", ADMIN_PASSWORD)).with(csrf()))
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/v3/api-docs").session(session)).hasRedirectedUrl("/login?expired");
		assertThat(this.mvc.perform(formLogin("/login").user("lan").password(PASSWORD)))
			.hasRedirectedUrl("/login?error");
	}

	private MvcTestResult login(String username, String password, String address) {
		return this.mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", password)
			.with(csrf())
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			})
			.exchange();
	}

	private MockHttpSession login(String username) {
		MockHttpSession session = new MockHttpSession();
		MvcResult result = this.mvc.post()
			.uri("/login")
			.session(session)
			.param("username", username)
			.param("password", PASSWORD)
			.with(csrf())
			.exchange()
			.getMvcResult();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
		return (MockHttpSession) result.getRequest().getSession(false);
	}

}
