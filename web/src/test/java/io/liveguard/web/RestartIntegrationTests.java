package io.liveguard.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions are stored in a database file and are still there after the application
 * restarts.
 */
class RestartIntegrationTests {

	private static final String PASSWORD = "restart-test-admin-password";

	@TempDir
	Path directory;

	@Test
	void storedSessionIsServedAfterARestartOnTheSameFileDatabase() throws IOException {
		String url = "jdbc:h2:file:" + this.directory.resolve("db").toAbsolutePath();
		String record = example("counterfeit.json");
		String card;
		try (ConfigurableApplicationContext first = start(url)) {
			EntityExchangeResult<String> created = client(first).post()
				.uri("/api/v1/sessions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(record)
				.exchange()
				.returnResult(String.class);
			assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
			card = created.getResponseBody();
		}

		try (ConfigurableApplicationContext second = start(url)) {
			RestTestClient client = client(second);
			EntityExchangeResult<String> read = client.get()
				.uri("/api/v1/sessions/ex-fake-001/score")
				.exchange()
				.returnResult(String.class);
			assertThat(read.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(read.getResponseBody()).isEqualTo(card);
			EntityExchangeResult<String> again = client.post()
				.uri("/api/v1/sessions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(record)
				.exchange()
				.returnResult(String.class);
			assertThat(again.getStatus()).isEqualTo(HttpStatus.OK);
		}
		assertThat(this.directory.resolve("db.mv.db")).exists();
	}

	private static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(LiveGuardApplication.class).run("--spring.datasource.url=" + url,
				"--server.port=0", "--liveguard.bootstrap.admin-password=" + PASSWORD);
	}

	private static RestTestClient client(ConfigurableApplicationContext context) {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.defaultHeaders((headers) -> headers.setBasicAuth("admin", PASSWORD))
			.build();
	}

	private static String example(String name) throws IOException {
		try (InputStream in = RestartIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
