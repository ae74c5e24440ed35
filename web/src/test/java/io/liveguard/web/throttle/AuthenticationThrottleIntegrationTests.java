package io.liveguard.web.throttle;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Failed authentications are counted per client address: after the budget (3 here) an
 * address is answered 429 with Retry-After, whatever it sends, while other addresses and
 * working credentials are unaffected. Each test uses addresses of its own, since the
 * buckets outlive a test.
 */
@SpringBootTest(properties = { "liveguard.throttle.failures=3", "liveguard.throttle.period=PT10M",
		"liveguard.bootstrap.admin-password=" + AuthenticationThrottleIntegrationTests.ADMIN_PASSWORD })
@AutoConfigureMockMvc
class AuthenticationThrottleIntegrationTests {

	static final String ADMIN_PASSWORD = "throttle-admin-password";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void badApiKeysFromOneAddressAreAnswered429WithRetryAfterAsAProblem() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.mvc.get()
				.uri("/api/v1/appeals")
				.header("Authorization", "Bearer lg_wrong-" + i)
				.with(from("198.51.100.1"))).hasStatus(401);
		}
		assertThat(this.mvc.get()
			.uri("/api/v1/appeals")
			.header("Authorization", "Bearer lg_wrong-again")
			.with(from("198.51.100.1"))).hasStatus(429)
			.hasContentType("application/problem+json")
			.satisfies((result) -> assertThat(Long.parseLong(result.getResponse().getHeader("Retry-After")))
				.isBetween(1L, 600L))
			.bodyJson()
			.extractingPath("$.title")
			.isEqualTo("Too Many Requests");
		// not even the right credentials are checked from there
		assertThat(this.mvc.get()
			.uri("/api/v1/audit-events")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.with(from("198.51.100.1"))).hasStatus(429);
		// another address is unaffected
		assertThat(this.mvc.get()
			.uri("/api/v1/audit-events")
			.with(httpBasic("admin", ADMIN_PASSWORD))
			.with(from("198.51.100.2"))).hasStatusOk();
		assertThat(this.mvc.get()
			.uri("/api/v1/appeals")
			.header("Authorization", "Bearer lg_wrong")
			.with(from("198.51.100.2"))).hasStatus(401);
	}

	@Test
	void wrongPasswordsByFormOrBasicShareTheAddressesBudgetAndTheLoginPageSaysSo() {
		assertThat(login("admin", "wrong-1", "198.51.100.3")).hasRedirectedUrl("/login?error");
		assertThat(
				this.mvc.get().uri("/api/v1/appeals").with(httpBasic("nobody", "wrong-2")).with(from("198.51.100.3")))
			.hasStatus(401);
		assertThat(login("lan", "wrong-3", "198.51.100.3")).hasRedirectedUrl("/login?error");
		assertThat(login("admin", ADMIN_PASSWORD, "198.51.100.3")).hasStatus(429)
			.satisfies((result) -> assertThat(result.getResponse().getHeader("Retry-After")).isNotNull());
		// the page itself is still there to read the message on
		assertThat(this.mvc.get().uri("/login").with(from("198.51.100.3"))).hasStatusOk();
	}

	@Test
	void workingCredentialsCostNothing() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.mvc.get()
				.uri("/api/v1/audit-events")
				.with(httpBasic("admin", ADMIN_PASSWORD))
				.with(from("198.51.100.4"))).hasStatusOk();
		}
		assertThat(login("admin", ADMIN_PASSWORD, "198.51.100.4")).hasRedirectedUrl("/");
		assertThat(this.jdbc.sql("select count(*) from login_lockout where client_address = '198.51.100.4'")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anIpv6HostCountsAsItsNetwork() {
		assertThat(ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo(ClientAddress.of("2001:db8:1:2::1"))
			.isEqualTo("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.of("2001:db8:1:2::1"));
		assertThat(ClientAddress.of("203.0.113.9")).isEqualTo("203.0.113.9");
		assertThat(ClientAddress.of(null)).isEqualTo("unknown");
	}

	private MockMvcTester.MockMvcRequestBuilder login(String username, String password, String address) {
		return this.mvc.post()
			.uri("/login")
			.param("username", username)
			.param("password", password)
			.with(csrf())
			.with(from(address));
	}

	private static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
