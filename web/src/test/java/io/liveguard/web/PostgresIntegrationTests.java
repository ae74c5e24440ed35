package io.liveguard.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema and the storage code on PostgreSQL: runs with {@code -Ppostgres} (or
 * {@code -Dliveguard.test.postgres=jdbc:postgresql://host:port/}) against a running
 * server, in a database of its own that it creates and drops.
 */
@EnabledIfSystemProperty(named = "liveguard.test.postgres", matches = "jdbc:postgresql:.*")
class PostgresIntegrationTests {

	private static final String PASSWORD = "postgres-test-admin-password";

	private final String server = System.getProperty("liveguard.test.postgres", "");

	private final String user = System.getProperty("liveguard.test.postgres.user", "postgres");

	private final String database = "liveguard_web_it_" + UUID.randomUUID().toString().replace("-", "");

	@BeforeEach
	void createDatabase() throws SQLException {
		execute("create database " + this.database);
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		execute("drop database if exists " + this.database);
	}

	@Test
	void sessionsAreStoredScoredAndReadBackOnPostgres() throws IOException {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LiveGuardApplication.class).run(
				"--spring.datasource.url=" + this.server + this.database, "--spring.datasource.username=" + this.user,
				"--spring.datasource.password=", "--server.port=0",
				"--liveguard.bootstrap.admin-password=" + PASSWORD)) {
			RestTestClient client = RestTestClient.bindToServer()
				.baseUrl("http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port"))
				.defaultHeaders((headers) -> headers.setBasicAuth("admin", PASSWORD))
				.build();

			assertThat(post(client, "/fake-discount/a-prior-sale.json").getStatus()).isEqualTo(HttpStatus.CREATED);
			EntityExchangeResult<String> inflated = post(client, "/fake-discount/a-inflated-3-days-later.json");
			assertThat(post(client, "/fake-discount/a-inflated-3-days-later.json").getStatus())
				.isEqualTo(HttpStatus.OK);

			assertThat(inflated.getStatus()).isEqualTo(HttpStatus.CREATED);
			JsonNode card = JsonMapper.builder().build().readTree(inflated.getResponseBody());
			assertThat(card.get("findings").valueStream().map((f) -> f.get("code").asString()))
				.contains("FAKE_DISCOUNT");
			assertThat(client.get()
				.uri("/api/v1/sessions/fd-a-002/score")
				.exchange()
				.returnResult(String.class)
				.getResponseBody()).isEqualTo(inflated.getResponseBody());
		}
	}

	@Test
	void livesAreCheckedJudgedEndedAndListedOnPostgres() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LiveGuardApplication.class).run(
				"--spring.datasource.url=" + this.server + this.database, "--spring.datasource.username=" + this.user,
				"--spring.datasource.password=", "--server.port=0",
				"--liveguard.bootstrap.admin-password=" + PASSWORD)) {
			RestTestClient client = RestTestClient.bindToServer()
				.baseUrl("http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port"))
				.defaultHeaders((headers) -> headers.setBasicAuth("admin", PASSWORD))
				.build();
			JsonMapper json = JsonMapper.builder().build();

			assertThat(postJson(client, "/api/v1/lives",
					"""
							{"liveId":"pg-live-1","sellerId":"pg-shop","market":"VN","startedAt":"2026-12-03T12:00:00Z",
							 "host":{"hostId":"kol-1","identityVerified":true},
							 "products":[{"sku":"p-1","category":"GENERAL","declaredOrigin":"VN","listPrice":1000,"livePrice":900}]}
							""")
				.getStatus()).isEqualTo(HttpStatus.CREATED);
			EntityExchangeResult<String> signals = postJson(client, "/api/v1/lives/pg-live-1/signals",
					"""
							{"signals":[
							  {"seq":1,"at":"2026-12-03T12:01:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.9},
							  {"seq":1,"at":"2026-12-03T12:01:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.9}
							],"viewers":50}
							""");
			assertThat(signals.getStatus()).as(signals.getResponseBody()).isEqualTo(HttpStatus.OK);
			JsonNode decided = json.readTree(signals.getResponseBody());
			assertThat(decided.get("duplicates").asInt()).isEqualTo(1);
			assertThat(decided.get("actions").get(0).get("actionId").asString()).isEqualTo("pg-live-1:1");
			EntityExchangeResult<String> ended = postJson(client, "/api/v1/lives/pg-live-1/end", """
					{"endedAt":"2026-12-03T12:30:00Z","stats":{"peakViewers":50,"avgViewers":40,"comments":0,
					 "commentsAnswered":0,"orders":0,"viewerReports":0}}
					""");
			assertThat(ended.getStatus()).as(ended.getResponseBody()).isEqualTo(HttpStatus.OK);
			assertThat(client.get()
				.uri("/api/v1/sessions/pg-live-1/score")
				.exchange()
				.returnResult(String.class)
				.getResponseBody()).isEqualTo(ended.getResponseBody());
			JsonNode page = json.readTree(client.get()
				.uri("/api/v1/sellers/pg-shop/lives?page=0&size=10")
				.exchange()
				.returnResult(String.class)
				.getResponseBody());
			assertThat(page.get("total").asInt()).isEqualTo(1);
			assertThat(page.get("lives").get(0).get("status").asString()).isEqualTo("ENDED");
		}
	}

	private static EntityExchangeResult<String> postJson(RestTestClient client, String uri, String body) {
		return client.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	private static EntityExchangeResult<String> post(RestTestClient client, String fixture) throws IOException {
		try (InputStream in = PostgresIntegrationTests.class.getResourceAsStream(fixture)) {
			return client.post()
				.uri("/api/v1/sessions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.exchange()
				.returnResult(String.class);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.server + "postgres", this.user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
