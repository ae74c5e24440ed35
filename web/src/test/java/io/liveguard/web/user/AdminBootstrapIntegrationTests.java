package io.liveguard.web.user;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh installation gets exactly one user, {@code admin}, and its password is known to
 * someone.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminBootstrapIntegrationTests {

	private static final Pattern GENERATED = Pattern.compile("generated password: (\\S+)");

	@Test
	void configuredPasswordLetsAdminInIsStoredAsADelegatingHashAndNothingIsGenerated(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start("--liveguard.bootstrap.admin-password=configured-password")) {
			String hash = app.getBean(Users.class).find("admin").orElseThrow().passwordHash();
			assertThat(hash).startsWith("{bcrypt}").doesNotContain("configured-password");
			assertThat(status(app, "admin", "configured-password")).isEqualTo(HttpStatus.OK);
			assertThat(status(app, "admin", "wrong-password")).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(usernamesAndRoles(app)).containsExactly("admin ADMIN");
			assertThat(output.getOut()).doesNotContain("generated password");
		}
	}

	@Test
	void withoutAPasswordARandomOneIsLoggedOnceAndLetsAdminIn(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start("--liveguard.bootstrap.admin-password=")) {
			Matcher matcher = GENERATED.matcher(output.getOut());
			assertThat(matcher.find()).as("a WARN line with the generated password").isTrue();
			String password = matcher.group(1);

			assertThat(password).hasSizeGreaterThanOrEqualTo(AdminBootstrap.MIN_PASSWORD_LENGTH);
			assertThat(output.getOut().split(Pattern.quote(password), -1)).as("times the password is printed, plus one")
				.hasSize(2);
			assertThat(output.getOut()).containsPattern("WARN .*generated password");
			assertThat(status(app, "admin", password)).isEqualTo(HttpStatus.OK);
			assertThat(usernamesAndRoles(app)).containsExactly("admin ADMIN");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		return new SpringApplicationBuilder(LiveGuardApplication.class).run(all);
	}

	private static HttpStatusCode status(ConfigurableApplicationContext app, String username, String password) {
		int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.build()
			.get()
			.uri("/v3/api-docs")
			.headers((headers) -> headers.setBasicAuth(username, password))
			.exchange()
			.returnResult(String.class)
			.getStatus();
	}

	private static List<String> usernamesAndRoles(ConfigurableApplicationContext app) {
		return app.getBean(JdbcClient.class)
			.sql("select username, role from app_user order by username")
			.query((rs, row) -> rs.getString("username") + " " + rs.getString("role"))
			.list();
	}

}
