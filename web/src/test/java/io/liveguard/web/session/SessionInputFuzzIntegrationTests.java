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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzing the HTTP inputs (issue 12) with jqwik, against the running application on an in-memory
 * database: hundreds of malformed session records (the engine's {@link MalformedRecords}), posted one by
 * one and as NDJSON, and arbitrary session ids in the URL. No answer is a 5xx; a refused record stores
 * nothing; a stored one can be read back. jqwik runs outside Spring's test support, so the application
 * is started once for the class.
 */
class SessionInputFuzzIntegrationTests {

	private static final String PASSWORD = "admin-password-for-fuzzing";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static ConfigurableApplicationContext application;

	private static String base;

	private static JdbcClient jdbc;

	/** A PLATFORM key: checked by SHA-256, where a password would cost a BCrypt hash per request. */
	private static String apiKey;

	@BeforeContainer
	static void start() {
		application = SpringApplication.run(LiveGuardApplication.class, "--server.port=0",
				"--liveguard.bootstrap.admin-password=" + PASSWORD, "--liveguard.input.max-record-size=64KB",
				"--spring.main.banner-mode=off");
		base = "http://localhost:" + ((WebServerApplicationContext) application).getWebServer().getPort();
		jdbc = application.getBean(JdbcClient.class);
		try {
			HttpResponse<String> key = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/api-keys"))
				.header("Authorization", "Basic "
						+ Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
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

	@AfterContainer
	static void stop() {
		if (application != null) {
			application.close();
		}
	}

	@Property(tries = 300)
	void aMalformedRecordIsNeverA5xxStoresNothingWhenRefusedAndCanBeReadBackWhenStored(
			@ForAll("records") String record) throws Exception {
		long before = storedSessions();

		HttpResponse<String> answer = send(request("/api/v1/sessions").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(record)));

		assertThat(answer.statusCode()).as(answer.body()).isLessThan(500);
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

	@Property(tries = 60)
	void anNdjsonUploadOfMalformedRecordsIsNeverA5xxAndStoresOnlyWhatItAccepts(
			@ForAll("ndjson") List<String> records) throws Exception {
		long before = storedSessions();

		HttpResponse<String> answer = send(request("/api/v1/sessions/batch")
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofString(String.join("\n", records))));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode summary = json.readTree(answer.body());
		assertThat(storedSessions()).isEqualTo(before + summary.get("accepted").asLong());
	}

	@Property(tries = 200)
	void anySessionIdInTheUrlIsNeverA5xx(@ForAll("ids") String id) throws Exception {
		HttpResponse<String> answer = send(
				request("/api/v1/sessions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")).GET());

		assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
		assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Provide
	Arbitrary<String> records() {
		return MalformedRecords.records();
	}

	@Provide
	Arbitrary<List<String>> ndjson() {
		return MalformedRecords.records().list().ofMaxSize(6);
	}

	@Provide
	Arbitrary<String> ids() {
		return Arbitraries.oneOf(Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40),
				Arbitraries.strings().withChars("/%;\\.:_-aZ09 ?#").ofMinLength(1).ofMaxLength(20),
				Arbitraries.strings().alpha().ofLength(129));
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
