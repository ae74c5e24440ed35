package io.liveguard.web.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sessions API over real HTTP, on an in-memory database. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + SessionApiIntegrationTests.ADMIN_PASSWORD)
@AutoConfigureRestTestClient
class SessionApiIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final String USER_PASSWORD = "user-password-for-tests";

	private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@BeforeEach
	void createUsers() {
		for (String role : List.of("PLATFORM", "ANALYST")) {
			String username = role.toLowerCase();
			if (this.jdbc.sql("select count(*) from app_user where username = ?")
				.param(username)
				.query(Long.class)
				.single() == 0) {
				this.jdbc.sql("""
						insert into app_user (username, password_hash, role, seller_id, enabled, created_at)
						values (?, ?, ?, null, true, current_timestamp)
						""").params(username, this.passwordEncoder.encode(USER_PASSWORD), role).update();
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					clean-session.json                | ex-clean-001  | 100 | 0  | TRANSPARENT_INFO
					health-claim-no-confirmation.json | ex-claim-001  | 90  | 12 | LOW_INTERACTION MISSING_AD_CONFIRMATION MISLEADING_HEALTH_CLAIM
					low-quality-static.json           | ex-static-001 | 5   | 4  | SHORT_SESSION HOST_ABSENT DEAD_AIR LOW_INTERACTION PRODUCT_NOT_SHOWN PRODUCT_NOT_SHOWN POOR_STREAM STATIC_OR_PRERECORDED LOW_QUALITY_SESSION NO_LIVE_HOST
					counterfeit.json                  | ex-fake-001   | 100 | 24 | PROHIBITED_PRODUCT FALSE_ORIGIN OFF_PLATFORM_REDIRECT
					""")
	void exampleSessionsScoreAsTheExamplesReadmeSays(String file, String sessionId, int contentScore,
			int violationPoints, String codes) {
		EntityExchangeResult<String> created = postSession(example(file), "platform");

		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/v1/sessions/" + sessionId);
		JsonNode card = json.readTree(created.getResponseBody());
		assertThat(card.get("sessionId").asString()).isEqualTo(sessionId);
		assertThat(card.get("contentScore").asInt()).isEqualTo(contentScore);
		assertThat(card.get("violationPoints").asInt()).isEqualTo(violationPoints);
		assertThat(codes(card)).containsExactlyInAnyOrder(codes.split(" "));
		assertThat(get("/api/v1/sessions/" + sessionId + "/score", "analyst").getResponseBody())
			.isEqualTo(created.getResponseBody());
	}

	@Test
	void scoreCardHasTheShapeOfTheApiWithIsoDates() {
		JsonNode card = json
			.readTree(postSession(example("counterfeit.json", "it-shape-1"), "admin").getResponseBody());

		assertThat(card.propertyNames()).containsExactly("sessionId", "sellerId", "market", "businessDate", "rulePack",
				"contentScore", "violationPoints", "findings", "scoredAt");
		assertThat(card.get("businessDate").isString()).isTrue();
		assertThat(card.get("businessDate").asString()).isEqualTo("2026-11-22");
		assertThat(card.get("scoredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
		assertThat(card.get("rulePack").propertyNames()).containsExactly("id", "version");
		assertThat(card.get("rulePack").get("id").asString()).isEqualTo("default");
		for (JsonNode finding : card.get("findings")) {
			assertThat(finding.propertyNames()).containsExactly("code", "kind", "severity", "points", "scoreDelta",
					"rule", "evidence");
			for (JsonNode evidence : finding.get("evidence")) {
				assertThat(evidence.propertyNames()).containsExactly("at", "signalType", "detail");
				assertThat(evidence.get("at").asString()).endsWith("Z");
			}
		}
		assertThat(findings(card, "PROHIBITED_PRODUCT"))
			.allSatisfy((finding) -> assertThat(finding.get("severity").asString()).isEqualTo("CRITICAL"));
	}

	@Test
	void invalidExampleIsRejectedNamingEndedAtAndNothingIsStored() {
		EntityExchangeResult<String> rejected = postSession(example("invalid-ends-before-start.json"), "platform");

		assertThat(rejected.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(rejected.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json.readTree(rejected.getResponseBody());
		assertThat(problem.get("detail").asString()).startsWith("endedAt: must be after startedAt");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("endedAt");
		EntityExchangeResult<String> missing = get("/api/v1/sessions/ex-bad-001", "analyst");
		assertThat(missing.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(missing.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(this.jdbc.sql("select count(*) from live_session where session_id = 'ex-bad-001'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void unreadableJsonIsRejectedAs400Problem() {
		EntityExchangeResult<String> rejected = postSession("{\"sessionId\": \"it-broken\", ", "platform");

		assertThat(rejected.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(rejected.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(json.readTree(rejected.getResponseBody()).get("detail").asString()).contains("not readable JSON");
	}

	@Test
	void sameRecordAgainAnswers200WithTheIdenticalStoredCard() {
		String record = example("health-claim-no-confirmation.json", "it-repeat-1");
		EntityExchangeResult<String> first = postSession(record, "platform");

		EntityExchangeResult<String> again = postSession(record, "platform");

		assertThat(first.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(again.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(again.getResponseBody()).isEqualTo(first.getResponseBody());
		assertThat(count("score_card", "it-repeat-1")).isOne();
	}

	@Test
	void sameIdWithDifferentContentAnswers409AndKeepsTheStoredSession() {
		String record = example("clean-session.json", "it-conflict-1");
		EntityExchangeResult<String> first = postSession(record, "platform");

		EntityExchangeResult<String> conflicting = postSession(
				changed(record, (changed) -> ((ObjectNode) changed.get("stats")).put("orders", 41)), "platform");

		assertThat(conflicting.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(conflicting.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(json.readTree(conflicting.getResponseBody()).get("detail").asString())
			.startsWith("sessionId: 'it-conflict-1'");
		assertThat(get("/api/v1/sessions/it-conflict-1/score", "analyst").getResponseBody())
			.isEqualTo(first.getResponseBody());
	}

	@Test
	void storedSessionIsServedWithItsRecordAndLatestCard() {
		EntityExchangeResult<String> created = postSession(example("clean-session.json", "it-read-1"), "platform");

		EntityExchangeResult<String> read = get("/api/v1/sessions/it-read-1", "analyst");

		assertThat(read.getStatus()).isEqualTo(HttpStatus.OK);
		JsonNode view = json.readTree(read.getResponseBody());
		assertThat(view.propertyNames()).containsExactly("record", "scoreCard");
		assertThat(view.get("scoreCard")).isEqualTo(json.readTree(created.getResponseBody()));
		assertThat(view.get("record")).isEqualTo(json.readTree(example("clean-session.json", "it-read-1")));
		// UTF-8 survives the round trip
		assertThat(view.get("record").get("signals").get(1).get("text").asString()).startsWith("Gạo ST25 xuất xứ");
	}

	@Test
	void concurrentPostsOfOneNewSessionStoreItOnce() throws Exception {
		String record = example("low-quality-static.json", "it-race-1");
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Callable<EntityExchangeResult<String>>> posts = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				posts.add(() -> postSession(record, "platform"));
			}
			List<EntityExchangeResult<String>> results = new ArrayList<>();
			for (Future<EntityExchangeResult<String>> future : pool.invokeAll(posts)) {
				results.add(future.get());
			}

			assertThat(results).extracting(EntityExchangeResult::getStatus)
				.containsOnly(HttpStatus.CREATED, HttpStatus.OK)
				.filteredOn(HttpStatus.CREATED::equals)
				.hasSize(1);
			assertThat(results).extracting(EntityExchangeResult::getResponseBody)
				.containsOnly(results.get(0).getResponseBody());
			assertThat(count("score_card", "it-race-1")).isOne();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void ndjsonUploadStoresTheGoodLinesAndReportsTheOthers() {
		EntityExchangeResult<String> result = this.client.post()
			.uri("/api/v1/sessions/batch")
			.headers(basic("platform"))
			.contentType(NDJSON)
			.body(resource("/ndjson/mixed.ndjson"))
			.exchange()
			.returnResult(String.class);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.OK);
		JsonNode summary = json.readTree(result.getResponseBody());
		assertThat(summary.get("accepted").asInt()).isEqualTo(2);
		assertThat(summary.get("duplicates").asInt()).isEqualTo(1);
		JsonNode rejected = summary.get("rejected");
		assertThat(rejected).hasSize(3);
		assertRejection(rejected.get(0), 3, "it-batch-bad", "endedAt: must be after startedAt");
		assertRejection(rejected.get(1), 4, null, "is not readable JSON");
		assertRejection(rejected.get(2), 6, "it-batch-a",
				"sessionId: 'it-batch-a' was already received with different content");
		assertThat(get("/api/v1/sessions/it-batch-a", "analyst").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/sessions/it-batch-b", "analyst").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/sessions/it-batch-bad", "analyst").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/api/v1/sessions/it-batch-a/score", "analyst").getResponseBody())
			.contains("\"contentScore\":100");
	}

	@Test
	void aBatchScoresALineWithTheSalesOfTheLinesBeforeItAsIfSentOneByOne() {
		// given: the fake-discount pair of a seller of its own, both in one NDJSON body
		String sale = compact(resource("/fake-discount/a-prior-sale.json"));
		String inflated = compact(resource("/fake-discount/a-inflated-3-days-later.json"));
		String ndjson = (sale + "\n" + inflated + "\n").replace("fd-a-00", "fd-batch-00")
			.replace("shop-bargain-a", "shop-bargain-batch");

		// when
		EntityExchangeResult<String> result = this.client.post()
			.uri("/api/v1/sessions/batch")
			.headers(basic("platform"))
			.contentType(NDJSON)
			.body(ndjson)
			.exchange()
			.returnResult(String.class);

		// then: the later line saw the earlier one's sale, as the single POSTs do
		assertThat(json.readTree(result.getResponseBody()).get("accepted").asInt()).isEqualTo(2);
		JsonNode card = json.readTree(get("/api/v1/sessions/fd-batch-002/score", "analyst").getResponseBody());
		assertThat(findings(card, "FAKE_DISCOUNT")).singleElement()
			.satisfies((finding) -> assertThat(finding.get("evidence").valueStream())
				.anySatisfy((evidence) -> assertThat(evidence.get("detail").asString()).contains("fd-batch-001")));
	}

	@Test
	void fakeDiscountFlagsAListPriceInflatedOverASaleThreeDaysEarlier() {
		postSession(resource("/fake-discount/a-prior-sale.json"), "platform");

		JsonNode card = json.readTree(
				postSession(resource("/fake-discount/a-inflated-3-days-later.json"), "platform").getResponseBody());

		assertThat(findings(card, "FAKE_DISCOUNT")).singleElement().satisfies((finding) -> {
			assertThat(finding.get("kind").asString()).isEqualTo("VIOLATION");
			assertThat(finding.get("evidence").valueStream()).anySatisfy((evidence) -> {
				assertThat(evidence.get("signalType").asString()).isEqualTo("PRIOR_SESSION");
				assertThat(evidence.get("detail").asString()).contains("fd-a-001");
			});
		});
	}

	@Test
	void fakeDiscountLooksBackSevenDaysOnly() {
		postSession(resource("/fake-discount/b-prior-sale.json"), "platform");

		JsonNode card = json.readTree(
				postSession(resource("/fake-discount/b-inflated-8-days-later.json"), "platform").getResponseBody());

		assertThat(card.get("sessionId").asString()).isEqualTo("fd-b-002");
		assertThat(codes(card)).doesNotContain("FAKE_DISCOUNT");
	}

	@Test
	void requestWithoutCredentialsAnswers401Problem() {
		EntityExchangeResult<String> result = this.client.get()
			.uri("/api/v1/sessions/ex-clean-001")
			.exchange()
			.returnResult(String.class);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
		assertThat(json.readTree(result.getResponseBody()).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void wrongPasswordAnswers401Problem() {
		EntityExchangeResult<String> result = this.client.get()
			.uri("/api/v1/sessions/ex-clean-001")
			.headers((headers) -> headers.setBasicAuth("platform", "not-the-password"))
			.exchange()
			.returnResult(String.class);

		assertThat(result.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void analystMayNotIngestAndGets403Problem() {
		EntityExchangeResult<String> result = postSession(example("clean-session.json", "it-forbidden-1"), "analyst");

		assertThat(result.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(count("live_session", "it-forbidden-1")).isZero();
	}

	@Test
	void apiDocsNeedAuthenticationAndDescribeBasicAuth() {
		assertThat(this.client.get().uri("/v3/api-docs").exchange().returnResult(String.class).getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		EntityExchangeResult<String> docs = get("/v3/api-docs", "analyst");

		assertThat(docs.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(docs.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
		JsonNode api = json.readTree(docs.getResponseBody());
		assertThat(api.at("/components/securitySchemes/basicAuth/scheme").asString()).isEqualTo("basic");
		assertThat(api.at("/components/securitySchemes/apiKey/scheme").asString()).isEqualTo("bearer");
		assertThat(api.get("paths").propertyNames()).contains("/api/v1/sessions", "/api/v1/sessions/batch",
				"/api/v1/sessions/{sessionId}", "/api/v1/sessions/{sessionId}/score");
		assertThat(api.at("/components/schemas/Finding/properties").propertyNames()).containsExactlyInAnyOrder("code",
				"kind", "severity", "points", "scoreDelta", "rule", "evidence");
		assertThat(get("/swagger-ui/index.html", "analyst").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(this.client.get().uri("/swagger-ui/index.html").exchange().returnResult(String.class).getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void healthIsOpen() {
		EntityExchangeResult<String> health = this.client.get()
			.uri("/actuator/health")
			.exchange()
			.returnResult(String.class);

		assertThat(health.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(health.getResponseBody()).get("status").asString()).isEqualTo("UP");
	}

	private static void assertRejection(JsonNode rejection, int line, String sessionId, String error) {
		assertThat(rejection.get("line").asInt()).isEqualTo(line);
		if (sessionId == null) {
			assertThat(rejection.get("sessionId").isNull()).isTrue();
		}
		else {
			assertThat(rejection.get("sessionId").asString()).isEqualTo(sessionId);
		}
		assertThat(rejection.get("error").asString()).contains(error);
	}

	private EntityExchangeResult<String> postSession(String record, String username) {
		return this.client.post()
			.uri("/api/v1/sessions")
			.headers(basic(username))
			.contentType(MediaType.APPLICATION_JSON)
			.body(record)
			.exchange()
			.returnResult(String.class);
	}

	private EntityExchangeResult<String> get(String uri, String username) {
		return this.client.get().uri(uri).headers(basic(username)).exchange().returnResult(String.class);
	}

	private long count(String table, String sessionId) {
		return this.jdbc.sql("select count(*) from " + table + " where session_id = ?")
			.param(sessionId)
			.query(Long.class)
			.single();
	}

	private static Consumer<HttpHeaders> basic(String username) {
		String password = "admin".equals(username) ? ADMIN_PASSWORD : USER_PASSWORD;
		return (headers) -> headers.setBasicAuth(username, password);
	}

	private static List<String> codes(JsonNode card) {
		return card.get("findings").valueStream().map((finding) -> finding.get("code").asString()).toList();
	}

	private static List<JsonNode> findings(JsonNode card, String code) {
		return card.get("findings").valueStream().filter((f) -> f.get("code").asString().equals(code)).toList();
	}

	/**
	 * An example session under another id, so tests do not depend on each other's order.
	 */
	private static String example(String file, String sessionId) {
		ObjectNode record = (ObjectNode) json.readTree(example(file));
		record.put("sessionId", sessionId);
		return json.writeValueAsString(record);
	}

	private static String changed(String record, Consumer<ObjectNode> change) {
		ObjectNode tree = (ObjectNode) json.readTree(record);
		change.accept(tree);
		return json.writeValueAsString(tree);
	}

	private static String example(String file) {
		return resource("/examples/" + file);
	}

	private static String compact(String record) {
		return json.readTree(record).toString();
	}

	private static String resource(String path) {
		try (InputStream in = SessionApiIntegrationTests.class.getResourceAsStream(path)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
