package io.liveguard.web.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.liveguard.web.live.GoLiveRequests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code liveguard.*} meters as Prometheus reads them at {@code /actuator/prometheus}
 * (README, "Operating LiveGuard"): sessions sent on their own, in a batch and in a bulk
 * import, stored, repeated or rejected, their scoring time and findings; a penalty run
 * and its decisions; go-live eligibility answers; a live's check, signals and decision
 * time. Each figure is read before and after, so other tests sharing the JVM do not
 * matter. Only an admin reads the metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + MetricsIntegrationTests.ADMIN_PASSWORD)
@AutoConfigureRestTestClient
class MetricsIntegrationTests {

	static final String ADMIN_PASSWORD = "metrics-admin-password";

	private static final String PASSWORD = "metrics-user-password";

	/** The morning after the example sessions' business date, as in the README. */
	private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@Test
	void sessionsTheirScoringAndFindingsAreCountedByPathAndReason() {
		Scrape before = scrape();

		assertThat(post("/api/v1/sessions", MediaType.APPLICATION_JSON, session("mt-single", "mt-shop-a")).getStatus())
			.isEqualTo(HttpStatus.CREATED);
		assertThat(post("/api/v1/sessions", MediaType.APPLICATION_JSON, example("invalid-ends-before-start.json"))
			.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		String batch = String.join("\n", session("mt-batch", "mt-shop-b"),
				compact(example("invalid-ends-before-start.json")), session("mt-single", "mt-shop-a")) + "\n";
		JsonNode summary = body(
				post("/api/v1/sessions/batch", MediaType.parseMediaType("application/x-ndjson"), batch));
		assertThat(summary.get("accepted").asInt()).isOne();
		assertThat(summary.get("duplicates").asInt()).isOne();
		String file = String.join("\n", session("mt-import", "mt-shop-c"), "{\"sessionId\":\"mt-broken\"}") + "\n";
		long importId = body(post("/api/v1/imports", MediaType.parseMediaType("application/x-ndjson"), file))
			.get("importId")
			.asLong();
		assertThat(awaitEnd("/api/v1/imports/" + importId)).isEqualTo("COMPLETED");

		Scrape after = scrape();
		assertThat(after.minus(before, "liveguard_sessions_ingested_total", "path", "single", "outcome", "stored"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_sessions_rejected_total", "path", "single", "reason", "invalid"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_sessions_ingested_total", "path", "batch", "outcome", "stored"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_sessions_ingested_total", "path", "batch", "outcome", "duplicate"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_sessions_rejected_total", "path", "batch", "reason", "invalid"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_sessions_ingested_total", "path", "import", "outcome", "stored"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_sessions_rejected_total", "path", "import", "reason", "invalid"))
			.isEqualTo(1);
		assertThat(after.minus(before, "liveguard_scoring_seconds_count", "pack", "default")).isEqualTo(3);
		assertThat(after.minus(before, "liveguard_findings_total", "code", "MISLEADING_HEALTH_CLAIM")).isEqualTo(3);
		// a histogram, so p99 can be computed over every node
		assertThat(after.lines()).anyMatch((line) -> line.startsWith("liveguard_scoring_seconds_bucket{")
				&& line.contains("pack=\"default\"") && line.contains("le=\"+Inf\""));
		// no session or seller id is ever a tag
		assertThat(after.lines()).filteredOn((line) -> line.startsWith("liveguard_"))
			.noneMatch((line) -> line.contains("mt-shop") || line.contains("mt-single"));
	}

	@Test
	void aPenaltyRunItsDecisionsAndTheEligibilityAnswersAreCounted() {
		post("/api/v1/sessions", MediaType.APPLICATION_JSON, session("mt-banned-1", "mt-banned"));
		Scrape before = scrape();

		long runId = body(post("/api/v1/penalty-runs", MediaType.APPLICATION_JSON,
				"{\"businessDate\":\"2026-11-22\",\"market\":\"VN\"}"))
			.get("runId")
			.asLong();
		assertThat(awaitEnd("/api/v1/penalty-runs/" + runId)).isEqualTo("COMPLETED");
		createUser("mt-platform", "PLATFORM");
		// the node's eligibility index learns of the run's penalties when it commits
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !body(get("/api/v1/sellers/mt-banned/live-eligibility", basic("mt-platform"))).get("allowed")
				.asBoolean());
		Scrape run = scrape();
		assertThat(get("/api/v1/sellers/mt-never-banned/live-eligibility", basic("mt-platform")).getStatus())
			.isEqualTo(HttpStatus.OK);
		assertThat(body(get("/api/v1/sellers/mt-banned/live-eligibility", basic("mt-platform"))).get("allowed")
			.asBoolean()).isFalse();

		Scrape after = scrape();
		assertThat(run.minus(before, "liveguard_penalty_run_seconds_count", "market", "VN", "status", "completed"))
			.isEqualTo(1);
		// the example session's 12 points reach the 30-day ban (docs/policy.md)
		assertThat(run.minus(before, "liveguard_penalty_decisions_total", "kind", "ban_30d")).isGreaterThanOrEqualTo(1);
		assertThat(after.minus(run, "liveguard_eligibility_answers_total", "answer", "allowed")).isEqualTo(1);
		assertThat(after.minus(run, "liveguard_eligibility_answers_total", "answer", "refused")).isEqualTo(1);
	}

	@Test
	void aLivesCheckSignalsAndDecisionTimeAreCounted() {
		Scrape before = scrape();

		assertThat(post("/api/v1/lives", MediaType.APPLICATION_JSON, GoLiveRequests.clean("mt-live-1", "mt-live-shop"))
			.getStatus()).isEqualTo(HttpStatus.CREATED);
		String signal = "{\"signals\":[{\"seq\":1,\"at\":\"2026-11-22T12:01:00Z\",\"type\":\"DEAD_AIR\",\"durationSec\":5}]}";
		assertThat(body(post("/api/v1/lives/mt-live-1/signals", MediaType.APPLICATION_JSON, signal)).get("accepted")
			.asInt()).isOne();
		assertThat(body(post("/api/v1/lives/mt-live-1/signals", MediaType.APPLICATION_JSON, signal)).get("duplicates")
			.asInt()).isOne();

		Scrape after = scrape();
		assertThat(after.minus(before, "liveguard_lives_checks_total", "answer", "open")).isEqualTo(1);
		assertThat(after.minus(before, "liveguard_lives_signals_total", "outcome", "on_time")).isEqualTo(1);
		assertThat(after.minus(before, "liveguard_lives_signals_total", "outcome", "duplicate")).isEqualTo(1);
		assertThat(after.minus(before, "liveguard_lives_decision_seconds_count")).isEqualTo(2);
		assertThat(after.value("liveguard_lives_open")).isGreaterThanOrEqualTo(1);
		assertThat(after.value("liveguard_lives_deciders")).isGreaterThanOrEqualTo(1);
		// the default pack's live rules leave nothing that facts alone cannot carry
		assertThat(after.lines()).anyMatch((line) -> line.startsWith("liveguard_lives_deciders_sessions{"));
		assertThat(after.value("liveguard_lives_deciders_sessions")).isZero();
	}

	@Test
	void onlyAnAdminReadsTheMetrics() {
		createUser("mt-analyst", "ANALYST");

		assertThat(get("/actuator/prometheus", (headers) -> {
		}).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/actuator/prometheus", basic("mt-analyst")).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/actuator/prometheus", basic("admin")).getStatus()).isEqualTo(HttpStatus.OK);
	}

	/** What Prometheus reads, one sample a line. */
	private Scrape scrape() {
		EntityExchangeResult<String> result = get("/actuator/prometheus", basic("admin"));
		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		return new Scrape(Arrays.asList(result.getResponseBody().split("\n")));
	}

	/**
	 * Samples in Prometheus's text format.
	 *
	 * @param lines the lines of the scrape
	 */
	record Scrape(List<String> lines) {

		/**
		 * The value of the sample with that name and those labels (others may follow);
		 * zero when there is none.
		 */
		double value(String name, String... labels) {
			List<Double> values = this.lines.stream()
				.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
				.filter((line) -> {
					String set = line.substring(name.length(), line.lastIndexOf(' '));
					for (int i = 0; i < labels.length; i += 2) {
						String label = labels[i] + "=\"" + labels[i + 1] + "\"";
						if (!set.contains("{" + label) && !set.contains("," + label)) {
							return false;
						}
					}
					return true;
				})
				.map((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.toList();
			assertThat(values).as(name + " " + List.of(labels)).hasSizeLessThanOrEqualTo(1);
			return values.isEmpty() ? 0 : values.get(0);
		}

		double minus(Scrape before, String name, String... labels) {
			return value(name, labels) - before.value(name, labels);
		}

	}

	private String awaitEnd(String path) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> body(get(path, basic("admin"))).get("status").asString(),
					(status) -> List.of("COMPLETED", "FAILED").contains(status));
	}

	private String session(String sessionId, String sellerId) {
		ObjectNode record = (ObjectNode) json.readTree(example("health-claim-no-confirmation.json"));
		record.put("sessionId", sessionId);
		record.put("sellerId", sellerId);
		return json.writeValueAsString(record);
	}

	private void createUser(String username, String role) {
		if (this.jdbc.sql("select count(*) from app_user where username = ?")
			.param(username)
			.query(Long.class)
			.single() == 0) {
			this.jdbc.sql("""
					insert into app_user (username, password_hash, role, seller_id, enabled, created_at)
					values (?, ?, ?, null, true, current_timestamp)
					""").params(username, this.passwordEncoder.encode(PASSWORD), role).update();
		}
	}

	private EntityExchangeResult<String> post(String uri, MediaType type, String body) {
		return this.client.post()
			.uri(uri)
			.headers(basic("admin"))
			.contentType(type)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	private EntityExchangeResult<String> get(String uri, Consumer<HttpHeaders> credentials) {
		return this.client.get().uri(uri).headers(credentials).exchange().returnResult(String.class);
	}

	private static Consumer<HttpHeaders> basic(String username) {
		String password = "admin".equals(username) ? ADMIN_PASSWORD : PASSWORD;
		return (headers) -> headers.setBasicAuth(username, password);
	}

	private static JsonNode body(EntityExchangeResult<String> result) {
		assertThat(result.getStatus().is2xxSuccessful()).as(result.getResponseBody()).isTrue();
		return json.readTree(result.getResponseBody());
	}

	private static String compact(String record) {
		return json.readTree(record).toString();
	}

	private static String example(String name) {
		try (InputStream in = MetricsIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
