package io.liveguard.web.penalty;

import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * The penalty run over the API, as the examples README tells it: the four example
 * sessions, a run for 2026-11-22 started with {@code POST /api/v1/penalty-runs}, then
 * standing, penalties, eligibility and an appeal that lifts a ban, each as the role that
 * would ask.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + PenaltyJourneyIntegrationTests.PASSWORD)
@AutoConfigureRestTestClient
class PenaltyJourneyIntegrationTests {

	static final String PASSWORD = "journey-password-for-tests";

	/** The morning after the run's business date, in Ho Chi Minh City. */
	static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@TestConfiguration
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@BeforeEach
	void usersSessionsAndARun() throws InterruptedException {
		if (this.jdbc.sql("select count(*) from app_user where username = 'platform'").query(Long.class).single() > 0) {
			return;
		}
		user("platform", "PLATFORM", null);
		user("analyst", "ANALYST", null);
		user("miracle", "SELLER", "shop-miracle");
		user("lazy", "SELLER", "shop-lazy");
		for (String example : List.of("clean-session.json", "health-claim-no-confirmation.json",
				"low-quality-static.json", "counterfeit.json")) {
			assertThat(post("/api/v1/sessions", example(example), "platform").getStatus())
				.isEqualTo(HttpStatus.CREATED);
		}
		EntityExchangeResult<String> started = post("/api/v1/penalty-runs",
				"{\"businessDate\":\"2026-11-22\",\"market\":\"VN\"}", "admin");
		assertThat(started.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		String location = started.getResponseHeaders().getLocation().getPath();
		JsonNode run = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> body(get(location, "admin")),
					(status) -> List.of("COMPLETED", "FAILED").contains(status.get("status").asString()));
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("sellersTotal").asInt()).isEqualTo(4);
		assertThat(run.get("penaltiesDecided").asInt()).isEqualTo(2);
		assertThat(run.get("progress").asDouble()).isEqualTo(1.0);
	}

	@Test
	void theExamplesEndAsTheExamplesReadmeSays() {
		JsonNode fake = body(get("/api/v1/sellers/shop-fake/penalties", "analyst"));
		assertThat(fake).hasSize(1);
		assertThat(fake.get(0).get("level").asString()).isEqualTo("PERMANENT");
		assertThat(fake.get(0).get("endsAt").isNull()).isTrue();
		assertThat(fake.get(0).get("status").asString()).isEqualTo("ACTIVE");
		assertThat(fake.get(0).get("decidedBy").get("date").asString()).isEqualTo("2026-11-22");

		JsonNode miracle = body(get("/api/v1/sellers/shop-miracle/standing", "platform"));
		assertThat(miracle.get("activePoints").asInt()).isEqualTo(12);
		assertThat(miracle.get("activePenalty").get("level").asString()).isEqualTo("BAN_30D");
		assertThat(miracle.get("activePenalty").get("startsAt").asString()).isEqualTo("2026-11-22T17:00:00Z");
		assertThat(miracle.get("activePenalty").get("endsAt").asString()).isEqualTo("2026-12-22T17:00:00Z");
		assertThat(miracle.get("nextThreshold").get("level").asString()).isEqualTo("PERMANENT");
		assertThat(miracle.get("nextThreshold").get("pointsToGo").asInt()).isEqualTo(3);
		assertThat(miracle.get("points")).extracting((p) -> p.get("expiresOn").asString()).containsOnly("2026-12-31");

		JsonNode lazy = body(get("/api/v1/sellers/shop-lazy/standing", "lazy"));
		assertThat(lazy.get("activePoints").asInt()).isEqualTo(4);
		assertThat(lazy.get("activePenalty").isNull()).isTrue();
		assertThat(lazy.get("warnings").get(0).get("code").asString()).isEqualTo("NEAR_THRESHOLD");

		JsonNode honest = body(get("/api/v1/sellers/shop-honest/standing", "analyst"));
		assertThat(honest.get("activePoints").asInt()).isZero();
		assertThat(honest.get("activePenalty").isNull()).isTrue();
		assertThat(honest.get("warnings")).isEmpty();
		assertThat(body(get("/api/v1/sellers/shop-honest/penalties", "analyst"))).isEmpty();
	}

	@Test
	void thePlatformAsksBeforeEveryGoLive() {
		JsonNode banned = body(
				get("/api/v1/sellers/shop-miracle/live-eligibility?at=2026-11-23T12:00:00Z", "platform"));
		assertThat(banned.get("allowed").asBoolean()).isFalse();
		assertThat(banned.get("penalty").get("level").asString()).isEqualTo("BAN_30D");
		assertThat(banned.get("penalty").get("endsAt").asString()).isEqualTo("2026-12-22T17:00:00Z");
		JsonNode beforeTheBan = body(
				get("/api/v1/sellers/shop-miracle/live-eligibility?at=2026-11-22T16:59:59Z", "platform"));
		assertThat(beforeTheBan.get("allowed").asBoolean()).isTrue();
		assertThat(beforeTheBan.get("penalty").isNull()).isTrue();
		assertThat(body(get("/api/v1/sellers/shop-honest/live-eligibility", "platform")).get("allowed").asBoolean())
			.isTrue();
		assertThat(body(get("/api/v1/sellers/never-seen/live-eligibility", "platform")).get("allowed").asBoolean())
			.isTrue();
		assertThat(body(get("/api/v1/sellers/shop-fake/live-eligibility?at=2031-01-01T00:00:00Z", "platform"))
			.get("allowed")
			.asBoolean()).isFalse();
	}

	@Test
	void aSellerSeesOnlyItself() {
		assertThat(get("/api/v1/sellers/shop-miracle/standing", "lazy").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/sellers/shop-miracle/penalties", "lazy").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/sellers/shop-miracle/live-eligibility", "lazy").getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/sellers/shop-miracle/live-eligibility", "miracle").getStatus())
			.isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/sessions/ex-claim-001", "lazy").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/sessions/ex-claim-001/score", "lazy").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/sessions/ex-claim-001/score", "miracle").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(post("/api/v1/appeals", appeal("ex-claim-001", "MISLEADING_HEALTH_CLAIM"), "lazy").getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void aCompletedRunIsNotRestartedAndAnUnknownOneIsNotFound() {
		// given: the run of the examples, completed
		long runId = this.jdbc.sql("select max(id) from penalty_run").query(Long.class).single();

		// when
		EntityExchangeResult<String> again = post("/api/v1/penalty-runs/" + runId + "/restart", "", "admin");
		EntityExchangeResult<String> unknown = post("/api/v1/penalty-runs/987654/restart", "", "admin");

		// then
		assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(body(again).get("title").asString()).isEqualTo("Conflict");
		assertThat(body(again).get("detail").asString())
			.isEqualTo("penalty run " + runId + " is COMPLETED; only a FAILED or STOPPED run can be restarted");
		assertThat(unknown.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(body(unknown).get("title").asString()).isEqualTo("Not Found");
		assertThat(body(unknown).get("detail").asString()).isEqualTo("runId: no penalty run 987654");
		assertThat(body(get("/api/v1/penalty-runs/987654", "admin")).get("detail").asString())
			.isEqualTo("runId: no penalty run 987654");
	}

	@Test
	void onlyAdminsRunPenaltiesAndOnlyAnalystsDecideAppeals() {
		assertThat(post("/api/v1/penalty-runs", "{\"businessDate\":\"2026-11-22\"}", "platform").getStatus())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(get("/api/v1/appeals?status=OPEN", "platform").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(post("/api/v1/appeals", appeal("ex-claim-001", "MISLEADING_HEALTH_CLAIM"), "platform").getStatus())
			.isEqualTo(HttpStatus.FORBIDDEN);
		EntityExchangeResult<String> noDate = post("/api/v1/penalty-runs", "{}", "admin");
		assertThat(noDate.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(noDate).get("detail").asString()).isEqualTo("businessDate: is required (yyyy-MM-dd)");
		assertThat(body(noDate).get("title").asString()).isEqualTo("Invalid request");
		assertThat(body(noDate).get("errors").get(0).get("field").asString()).isEqualTo("businessDate");
		EntityExchangeResult<String> badMarket = post("/api/v1/penalty-runs",
				"{\"businessDate\":\"2026-11-22\",\"market\":\"vn\"}", "admin");
		assertThat(badMarket.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(badMarket).get("detail").asString()).isEqualTo("market: 'vn' is not an ISO 3166 alpha-2 code");
		EntityExchangeResult<String> badYear = post("/api/v1/penalty-runs", "{\"businessDate\":\"0001-01-01\"}",
				"admin");
		assertThat(badYear.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(badYear).get("detail").asString()).isEqualTo("businessDate: must be in the years 1970 to 9999");
	}

	@Test
	void anOverturnedAppealStopsCountingAtOnceAndCanLiftTheBan() {
		// given: the seller appeals its misleading-claim finding
		EntityExchangeResult<String> filed = post("/api/v1/appeals", appeal("ex-claim-001", "MISLEADING_HEALTH_CLAIM"),
				"miracle");
		assertThat(filed.getStatus()).isEqualTo(HttpStatus.CREATED);
		String appealId = body(filed).get("appealId").asString();
		assertThat(body(filed).get("status").asString()).isEqualTo("OPEN");
		assertThat(post("/api/v1/appeals", appeal("ex-claim-001", "MISLEADING_HEALTH_CLAIM"), "miracle").getStatus())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(post("/api/v1/appeals", appeal("ex-claim-001", "LOW_INTERACTION"), "miracle").getStatus())
			.as("a quality finding earns no points to appeal")
			.isEqualTo(HttpStatus.NOT_FOUND);
		JsonNode queue = body(get("/api/v1/appeals?status=OPEN", "analyst"));
		assertThat(queue).extracting((a) -> a.get("appealId").asString()).contains(appealId);

		// and the platform's webhook endpoint for decided appeals and lifted penalties
		EntityExchangeResult<String> endpoint = post("/api/v1/webhooks",
				"{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"appeal.decided\",\"penalty.lifted\"]}", "admin");
		assertThat(endpoint.getStatus()).isEqualTo(HttpStatus.CREATED);
		String endpointId = body(endpoint).get("id").asString();

		// when: an analyst overturns it and asks for the lift at once
		EntityExchangeResult<String> decided = post("/api/v1/appeals/" + appealId + "/decision",
				"{\"outcome\":\"OVERTURNED\",\"note\":\"the claim was a customer's quote\",\"liftNow\":true}",
				"analyst");

		// then
		assertThat(decided.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(decided).get("appeal").get("status").asString()).isEqualTo("OVERTURNED");
		assertThat(body(decided).get("liftedPenalties")).hasSize(1);
		JsonNode standing = body(get("/api/v1/sellers/shop-miracle/standing", "miracle"));
		assertThat(standing.get("activePoints").asInt()).isEqualTo(6);
		assertThat(standing.get("points")).filteredOn((p) -> p.get("code").asString().equals("MISLEADING_HEALTH_CLAIM"))
			.singleElement()
			.satisfies((p) -> assertThat(p.get("status").asString()).isEqualTo("OVERTURNED"));
		assertThat(body(get("/api/v1/sellers/shop-miracle/live-eligibility?at=2026-11-23T12:00:00Z", "platform"))
			.get("allowed")
			.asBoolean()).isTrue();
		assertThat(body(get("/api/v1/sellers/shop-miracle/penalties", "miracle")).get(0).get("status").asString())
			.isEqualTo("LIFTED");
		// the decision's events, recorded in its transaction: the appeal and the lifted
		// penalty as the API shows them
		List<JsonNode> events = this.jdbc.sql("""
				select e.body from webhook_message m join webhook_event e on e.event_id = m.event_id
				where m.endpoint_id = ? order by m.seq
				""").param(endpointId).query(String.class).list().stream().map(json::readTree).toList();
		assertThat(events).extracting((event) -> event.get("type").asString())
			.containsExactlyInAnyOrder("appeal.decided", "penalty.lifted");
		JsonNode appealEvent = events.stream()
			.filter((event) -> event.get("type").asString().equals("appeal.decided"))
			.findFirst()
			.orElseThrow();
		assertThat(appealEvent.get("data")).isEqualTo(body(get("/api/v1/appeals/" + appealId, "analyst")));
		JsonNode lifted = events.stream()
			.filter((event) -> event.get("type").asString().equals("penalty.lifted"))
			.findFirst()
			.orElseThrow()
			.get("data");
		assertThat(lifted.get("status").asString()).isEqualTo("LIFTED");
		assertThat(lifted.get("sellerId").asString()).isEqualTo("shop-miracle");
		assertThat(lifted.get("market").asString()).isEqualTo("VN");
		assertThat(lifted.get("penaltyId").asString())
			.isEqualTo(body(decided).get("liftedPenalties").get(0).asString());
		assertThat(post("/api/v1/appeals/" + appealId + "/decision", "{\"outcome\":\"UPHELD\"}", "analyst").getStatus())
			.isEqualTo(HttpStatus.CONFLICT);
		JsonNode audit = body(get("/api/v1/audit-events?type=APPEAL_DECIDED", "admin"));
		assertThat(audit).singleElement().satisfies((event) -> {
			assertThat(event.get("principal").asString()).isEqualTo("analyst");
			assertThat(event.get("data").get("appealId").asString()).isEqualTo(appealId);
			assertThat(event.get("data").get("outcome").asString()).isEqualTo("OVERTURNED");
			assertThat(event.get("data").get("note").asString()).isEqualTo("the claim was a customer's quote");
		});
		assertThat(body(get("/api/v1/audit-events?type=APPEAL_FILED", "admin")))
			.anySatisfy((event) -> assertThat(event.get("principal").asString()).isEqualTo("miracle"));
		// the seller sees its own appeal, decided
		assertThat(body(get("/api/v1/appeals", "miracle"))).singleElement()
			.satisfies((a) -> assertThat(a.get("status").asString()).isEqualTo("OVERTURNED"));
		assertThat(body(get("/api/v1/appeals", "lazy"))).isEmpty();
		assertThat(get("/api/v1/appeals/" + appealId, "lazy").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);

		// the rule's statistics count the overturn
		JsonNode statistics = body(get("/api/v1/rule-packs/default/statistics", "analyst"));
		assertThat(statistics).filteredOn((rule) -> rule.get("code").asString().equals("MISLEADING_HEALTH_CLAIM"))
			.singleElement()
			.satisfies((rule) -> {
				assertThat(rule.get("fired").asLong()).isEqualTo(1);
				assertThat(rule.get("appealed").asLong()).isEqualTo(1);
				assertThat(rule.get("overturned").asLong()).isEqualTo(1);
				assertThat(rule.get("overturnedShare").asDouble()).isEqualTo(1.0);
			});
		assertThat(statistics).filteredOn((rule) -> rule.get("code").asString().equals("MISSING_AD_CONFIRMATION"))
			.singleElement()
			.satisfies((rule) -> assertThat(rule.get("overturned").asLong()).isZero());

		// the disputed session scored again, side by side: the same pack version, the
		// same findings
		JsonNode rescored = body(get("/api/v1/sessions/ex-claim-001/rescore", "analyst"));
		assertThat(rescored.get("atItsTime").get("rulePack").get("version").asInt()).isEqualTo(1);
		assertThat(rescored.get("current").get("rulePack").get("version").asInt()).isEqualTo(1);
		assertThat(rescored.get("current").get("findings")).extracting((f) -> f.get("code").asString())
			.containsExactlyElementsOf(
					rescored.get("stored").get("findings").valueStream().map((f) -> f.get("code").asString()).toList());
		assertThat(get("/api/v1/sessions/ex-claim-001/rescore", "miracle").getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	private void user(String username, String role, String sellerId) {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at)
				values (?, ?, ?, ?, true, current_timestamp)
				""").params(username, this.passwordEncoder.encode(PASSWORD), role, sellerId).update();
	}

	private static String appeal(String sessionId, String code) {
		return json.writeValueAsString(Map.of("sessionId", sessionId, "code", code, "reason", "we disagree"));
	}

	private EntityExchangeResult<String> post(String uri, String body, String username) {
		return this.client.post()
			.uri(uri)
			.headers(basic(username))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	private EntityExchangeResult<String> get(String uri, String username) {
		return this.client.get().uri(uri).headers(basic(username)).exchange().returnResult(String.class);
	}

	private static JsonNode body(EntityExchangeResult<String> result) {
		return json.readTree(result.getResponseBody());
	}

	private static Consumer<HttpHeaders> basic(String username) {
		return (headers) -> headers.setBasicAuth(username, PASSWORD);
	}

	private static String example(String name) {
		try (InputStream in = PenaltyJourneyIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
