package io.liveguard.web.backtest;

import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A back-test over the API: a draft that adds "signal" to the off-platform keywords and
 * raises the 7-day ban from 9 to 10 points, tried over ten days of stored sessions; the
 * findings gained per code and day and the sellers whose penalties change match a
 * recomputation by hand from the policy (policy-default.md section 3), not by the job's
 * code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + BacktestIntegrationTests.PASSWORD)
@AutoConfigureRestTestClient
@DirtiesContext
class BacktestIntegrationTests {

	static final String PASSWORD = "backtest-test-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	/** OFF_PLATFORM_REDIRECT is MODERATE, 3 points (findings.csv). */
	private static final int OFF_PLATFORM_POINTS = 3;

	private static final LocalDate FROM = LocalDate.of(2026, 11, 1);

	private static final LocalDate TO = LocalDate.of(2026, 11, 10);

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

	private int sessions;

	@Test
	void theDifferenceMatchesARecomputationFromThePolicy() throws InterruptedException {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
				values ('lan', ?, 'ANALYST', null, true, current_timestamp, 0)
				""").param(this.encoder.encode(PASSWORD)).update();
		// what each seller says, day by day: "signal" counts only for the draft, "zalo"
		// for both
		Map<String, Map<LocalDate, String>> said = new LinkedHashMap<>();
		said.put("shop-bt-new", Map.of(day(2), "signal", day(3), "signal", day(4), "signal"));
		said.put("shop-bt-lower", Map.of(day(2), "zalo", day(3), "zalo", day(4), "zalo"));
		said.put("shop-bt-same", Map.of(day(5), "zalo", day(6), "zalo"));
		said.put("shop-bt-clean", Map.of(day(5), "", day(7), ""));
		for (Map.Entry<String, Map<LocalDate, String>> seller : said.entrySet()) {
			for (Map.Entry<LocalDate, String> session : new TreeMap<>(seller.getValue()).entrySet()) {
				assertThat(post("/api/v1/sessions", session(seller.getKey(), session.getKey(), session.getValue()),
						"admin")
					.getStatus()).isEqualTo(HttpStatus.CREATED);
			}
		}
		// outside the range: not part of the back-test
		post("/api/v1/sessions", session("shop-bt-new", LocalDate.of(2026, 11, 20), "signal"), "admin");

		JsonNode v1 = body(get("/api/v1/rule-packs/default/versions/1", "lan"));
		ArrayNode files = (ArrayNode) v1.get("files").deepCopy();
		for (JsonNode file : files) {
			String path = file.get("path").asString();
			if (path.equals("keywords/off-platform.txt")) {
				((ObjectNode) file).put("content", file.get("content").asString() + "signal\n");
			}
			if (path.equals("settings.properties")) {
				((ObjectNode) file).put("content",
						file.get("content")
							.asString()
							.replace("ladder.BAN_7D.minPoints = 9", "ladder.BAN_7D.minPoints = 10"));
			}
		}
		ObjectNode draft = json.createObjectNode();
		draft.put("basedOn", 1);
		draft.put("note", "signal; 7-day ban from 10");
		draft.set("files", files);
		int version = body(post("/api/v1/rule-packs/default/versions", json.writeValueAsString(draft), "lan"))
			.get("version")
			.asInt();

		EntityExchangeResult<String> started = post("/api/v1/rule-packs/default/versions/" + version + "/backtest",
				"{\"from\":\"" + FROM + "\",\"to\":\"" + TO + "\"}", "lan");
		assertThat(started.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		String location = started.getResponseHeaders().getLocation().getPath();
		assertThat(location).matches("/api/v1/backtests/\\d+");
		JsonNode report = await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> body(get(location, "lan")),
					(status) -> List.of("COMPLETED", "FAILED").contains(status.get("status").asString()));
		assertThat(report.get("status").asString()).as(String.valueOf(report.get("failure"))).isEqualTo("COMPLETED");
		assertThat(report.get("sessionsTotal").asInt()).isEqualTo(10);
		assertThat(report.get("progress").asDouble()).isEqualTo(1.0);
		assertThat(report.get("baselineVersion").asInt()).isEqualTo(1);

		// findings: every "signal" session of the range gains OFF_PLATFORM_REDIRECT, none
		// loses anything
		assertThat(report.get("byCode")).singleElement().satisfies((code) -> {
			assertThat(code.get("code").asString()).isEqualTo("OFF_PLATFORM_REDIRECT");
			assertThat(code.get("gained").asInt()).isEqualTo(3);
			assertThat(code.get("lost").asInt()).isZero();
		});
		assertThat(report.get("byDay")).extracting((d) -> d.get("date").asString() + ":" + d.get("gained").asInt())
			.containsExactly("2026-11-02:1", "2026-11-03:1", "2026-11-04:1");
		assertThat(report.get("sessionsChanged").asInt()).isEqualTo(3);
		// the former address of a back-test still answers, for clients that kept it
		assertThat(body(get(location.replace("/api/v1/", "/api/v1/rule-packs/"), "lan"))).isEqualTo(report);

		// sellers: recomputed from the policy by hand for both ladders
		Map<String, String> expected = new TreeMap<>();
		for (Map.Entry<String, Map<LocalDate, String>> seller : said.entrySet()) {
			List<String> before = ladder(seller.getValue(), List.of("zalo"), 9);
			List<String> after = ladder(seller.getValue(), List.of("zalo", "signal"), 10);
			if (!before.equals(after)) {
				expected.put(seller.getKey(), String.join(",", before) + " -> " + String.join(",", after));
			}
		}
		Map<String, String> actual = new TreeMap<>();
		for (JsonNode seller : report.get("sellers")) {
			actual.put(seller.get("sellerId").asString(),
					seller.get("baselinePenalties").asString() + " -> " + seller.get("candidatePenalties").asString());
		}
		assertThat(actual).isEqualTo(expected);
		assertThat(expected).containsOnlyKeys("shop-bt-new", "shop-bt-lower");
		assertThat(report.get("sellers")).extracting((s) -> s.get("change").asString())
			.containsExactly("LOWER", "NEW_BAN");

		// bad requests
		EntityExchangeResult<String> reversed = post("/api/v1/rule-packs/default/versions/" + version + "/backtest",
				"{\"from\":\"2026-11-10\",\"to\":\"2026-11-01\"}", "lan");
		assertThat(reversed.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(body(reversed).get("title").asString()).isEqualTo("Bad Request");
		assertThat(body(reversed).get("detail").asString()).isEqualTo("to: 2026-11-01 is before from 2026-11-10");
		assertThat(post("/api/v1/rule-packs/default/versions/" + version + "/backtest",
				"{\"from\":\"2026-01-01\",\"to\":\"2026-12-31\"}", "lan")
			.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		EntityExchangeResult<String> noVersion = post("/api/v1/rule-packs/default/versions/99/backtest",
				"{\"from\":\"2026-11-01\",\"to\":\"2026-11-02\"}", "lan");
		assertThat(noVersion.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(body(noVersion).get("title").asString()).isEqualTo("Not Found");
		assertThat(body(noVersion).get("detail").asString())
			.isEqualTo("version: rule pack 'default' has no version 99");
		for (String path : List.of("/api/v1/backtests/999", "/api/v1/rule-packs/backtests/999")) {
			EntityExchangeResult<String> unknown = get(path, "lan");
			assertThat(unknown.getStatus()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(body(unknown).get("detail").asString()).isEqualTo("id: no back-test 999");
		}
	}

	/**
	 * The penalties of the policy's ladder (thresholds 6/9/12/15, the 7-day one as given;
	 * each day's run decides only the highest newly reached level; points of one
	 * quarter), as LEVEL@date.
	 */
	private static List<String> ladder(Map<LocalDate, String> said, List<String> keywords, int sevenDayPoints) {
		Map<String, Integer> levels = new LinkedHashMap<>();
		levels.put("BAN_3D", 6);
		levels.put("BAN_7D", sevenDayPoints);
		levels.put("BAN_30D", 12);
		levels.put("PERMANENT", 15);
		List<String> decided = new ArrayList<>();
		int points = 0;
		int reached = -1;
		for (LocalDate date = FROM; !date.isAfter(TO); date = date.plusDays(1)) {
			if (keywords.contains(said.getOrDefault(date, ""))) {
				points += OFF_PLATFORM_POINTS;
			}
			int level = -1;
			List<String> names = new ArrayList<>(levels.keySet());
			for (int i = 0; i < names.size(); i++) {
				if (points >= levels.get(names.get(i))) {
					level = i;
				}
			}
			if (level > reached) {
				decided.add(names.get(level) + "@" + date);
				reached = level;
			}
		}
		return decided;
	}

	private static LocalDate day(int dayOfMonth) {
		return LocalDate.of(2026, 11, dayOfMonth);
	}

	/**
	 * The clean example as a session of the seller on that day, its host saying the
	 * keyword (if any).
	 */
	private String session(String sellerId, LocalDate date, String keyword) {
		ObjectNode session = (ObjectNode) json.readTree(example("clean-session.json"));
		this.sessions++;
		session.put("sessionId", "bt-" + this.sessions);
		session.put("sellerId", sellerId);
		session.put("startedAt", date + "T05:00:00Z");
		session.put("endedAt", date + "T06:00:00Z");
		String sku = "sku-" + this.sessions;
		((ObjectNode) session.get("products").get(0)).put("sku", sku);
		ArrayNode signals = (ArrayNode) session.get("signals");
		((ObjectNode) signals.get(0)).put("sku", sku);
		((ObjectNode) signals.get(0)).put("at", date + "T05:02:00Z");
		((ObjectNode) signals.get(1)).put("at", date + "T05:03:00Z");
		((ObjectNode) signals.get(2)).put("at", date + "T05:10:00Z");
		if (!keyword.isEmpty()) {
			((ObjectNode) signals.get(1)).put("text", "Muốn giá tốt thì nhắn " + keyword + " cho shop nhé");
		}
		return json.writeValueAsString(session);
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
		try (InputStream in = BacktestIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
