package io.liveguard.web.session;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.liveguard.engine.session.MalformedRecords;
import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing the HTTP inputs (issue 12), against the running application on an in-memory
 * database: hundreds of malformed session records from a fixed seed (the engine's
 * {@link MalformedRecords}), posted one by one and as NDJSON, and arbitrary session ids
 * in the URL. No answer is a 5xx; a refused record stores nothing; a stored one can be
 * read back. The application is started once for the class, over real HTTP, so the
 * container's and the firewall's answers are fuzzed too.
 */
class SessionInputFuzzIntegrationTests {

	private static final String PASSWORD = "admin-password-for-fuzzing";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext application;

	private static String base;

	private static JdbcClient jdbc;

	/**
	 * A PLATFORM key: checked by SHA-256, where a password would cost a BCrypt hash per
	 * request.
	 */
	private static String apiKey;

	@BeforeAll
	static void start() {
		application = SpringApplication.run(LiveGuardApplication.class, "--server.port=0",
				"--liveguard.bootstrap.admin-password=" + PASSWORD, "--liveguard.input.max-record-size=64KB",
				"--spring.main.banner-mode=off");
		base = "http://localhost:" + ((WebServerApplicationContext) application).getWebServer().getPort();
		jdbc = application.getBean(JdbcClient.class);
		try {
			HttpResponse<String> key = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api-keys"))
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"fuzzing\",\"role\":\"PLATFORM\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			apiKey = json.readTree(key.body()).get("key").asString();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	private static final long SEED = 20261203L;

	@Test
	void aMalformedRecordIsNeverA5xxStoresNothingWhenRefusedAndCanBeReadBackWhenStored() throws Exception {
		for (String record : MalformedRecords.records(SEED, 300)) {
			postOne(record);
		}
	}

	private static void postOne(String record) throws Exception {
		long before = storedSessions();

		HttpResponse<String> answer = send(request("/api/v1/sessions").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(record)));

		assertThat(answer.statusCode()).as(record + " answered " + answer.body()).isLessThan(500);
		if (answer.statusCode() >= 400) {
			assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(storedSessions()).isEqualTo(before);
		}
		else {
			String sessionId = json.readTree(answer.body()).get("sessionId").asString();
			HttpResponse<String> read = send(request("/api/v1/sessions/" + sessionId).GET());
			assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		}
	}

	@Test
	void anNdjsonUploadOfMalformedRecordsIsNeverA5xxAndStoresOnlyWhatItAccepts() throws Exception {
		List<String> records = MalformedRecords.records(SEED + 1, 60 * 6);
		for (int upload = 0; upload < 60; upload++) {
			postBatch(records.subList(upload * 6, upload * 6 + 1 + (upload % 6)));
		}
	}

	private static void postBatch(List<String> records) throws Exception {
		long before = storedSessions();

		HttpResponse<String> answer = send(
				request("/api/v1/sessions/batch").header("Content-Type", "application/x-ndjson")
					.POST(HttpRequest.BodyPublishers.ofString(String.join("\n", records))));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode summary = json.readTree(answer.body());
		assertThat(storedSessions()).isEqualTo(before + summary.get("accepted").asLong());
	}

	@Test
	void anySessionIdInTheUrlIsNeverA5xx() throws Exception {
		List<String> ids = new java.util.ArrayList<>();
		MalformedRecords.texts(SEED + 2, 100, 40, "/%;\\.:_-aZ09 ?#")
			.stream()
			.filter((id) -> !id.isEmpty())
			.forEach(ids::add);
		ids.add("a".repeat(129));
		for (String id : ids) {
			getById(id);
		}
	}

	private static void getById(String id) throws Exception {
		HttpResponse<String> answer = send(
				request("/api/v1/sessions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")).GET());

		assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	private static long storedSessions() {
		return jdbc.sql("select count(*) from live_session").query(Long.class).single();
	}

	private static HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + apiKey);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
