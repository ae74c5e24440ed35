package io.liveguard.web.live;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.live.Lives;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.session.SessionCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
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
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lives API (live.md) over real HTTP, on an in-memory database: the go-live check,
 * signals deciding actions, the end as a session record, and a decider rebuilt from the
 * stored signals deciding what the lost one would have.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + LiveApiIntegrationTests.ADMIN_PASSWORD)
@AutoConfigureRestTestClient
class LiveApiIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final String USER_PASSWORD = "user-password-for-tests";

	private static final ObjectMapper json = new SessionCodec().mapper();

	private static final String START = "2026-12-03T12:00:00Z";

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder passwordEncoder;

	@Autowired
	private ScoringEngine engine;

	@Autowired
	private OpenLives open;

	@Autowired
	private LiveEnforcement enforcement;

	@BeforeEach
	void createUsers() {
		createUser("platform", "PLATFORM", null);
		createUser("analyst", "ANALYST", null);
		createUser("live-shop", "SELLER", "live-shop");
		createUser("other-shop", "SELLER", "other-shop");
	}

	@Test
	void goLiveOpensWithBlockedProductsAndNoticesAndARepeatIsAnsweredFromStorage() {
		String body = goLive("it-live-open", "live-shop", true, "FUNCTIONAL_FOOD", null);

		EntityExchangeResult<String> created = post("/api/v1/lives", body, "platform");

		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/v1/lives/it-live-open");
		JsonNode answer = json.readTree(created.getResponseBody());
		assertThat(answer.propertyNames()).containsExactly("liveId", "sellerId", "market", "status", "refusals",
				"blockedProducts", "notices", "rulePack");
		assertThat(answer.get("status").asString()).isEqualTo("OPEN");
		assertThat(answer.get("refusals")).isEmpty();
		assertThat(codes(answer.get("blockedProducts"))).containsExactly("MISSING_AD_CONFIRMATION");
		assertThat(answer.get("blockedProducts").get(0).get("sku").asString()).isEqualTo("p-1");
		assertThat(codes(answer.get("notices"))).containsExactly("HEALTH_WARNING");
		assertThat(answer.get("rulePack").get("id").asString()).isEqualTo("default");

		EntityExchangeResult<String> repeated = post("/api/v1/lives", body, "admin");
		assertThat(repeated.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(repeated.getResponseBody()).isEqualTo(created.getResponseBody());

		EntityExchangeResult<String> other = post("/api/v1/lives",
				goLive("it-live-open", "live-shop", true, "GENERAL", null), "platform");
		assertThat(other.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(json.readTree(other.getResponseBody()).get("detail").asString()).startsWith("liveId: ");

		JsonNode live = json.readTree(get("/api/v1/lives/it-live-open", "live-shop").getResponseBody());
		assertThat(live.get("status").asString()).isEqualTo("OPEN");
		assertThat(live.get("strikes").asInt()).isZero();
		assertThat(live.get("actions")).isEmpty();
		assertThat(get("/api/v1/lives/it-live-open", "other-shop").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		JsonNode running = json.readTree(get("/api/v1/lives?status=OPEN", "analyst").getResponseBody());
		assertThat(running.findValuesAsString("liveId")).contains("it-live-open");
		JsonNode ofSeller = json.readTree(get("/api/v1/sellers/live-shop/lives", "live-shop").getResponseBody());
		assertThat(ofSeller.get("lives").findValuesAsString("liveId")).contains("it-live-open");
		assertThat(get("/api/v1/sellers/live-shop/lives", "other-shop").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void goLiveRefusesAnUnverifiedHostAProhibitedProductAndABannedSeller() {
		JsonNode unverified = json.readTree(post("/api/v1/lives",
				goLive("it-live-unverified", "live-shop", false, "PROHIBITED", "QC-1"), "platform")
			.getResponseBody());
		assertThat(unverified.get("status").asString()).isEqualTo("REFUSED");
		assertThat(codes(unverified.get("refusals"))).containsExactly("PROHIBITED_PRODUCT", "UNVERIFIED_HOST");

		ban("it-live-ban", "banned-shop", "2026-12-01", "2026-12-31");
		ban("it-live-over", "served-shop", "2026-11-01", "2026-12-01");
		JsonNode served = json
			.readTree(post("/api/v1/lives", goLive("it-live-served", "served-shop", true, "GENERAL", null), "platform")
				.getResponseBody());
		assertThat(served.get("status").asString()).isEqualTo("OPEN");
		EntityExchangeResult<String> banned = post("/api/v1/lives",
				goLive("it-live-banned", "banned-shop", true, "GENERAL", null), "platform");
		assertThat(banned.getStatus()).isEqualTo(HttpStatus.CREATED);
		JsonNode answer = json.readTree(banned.getResponseBody());
		assertThat(answer.get("status").asString()).isEqualTo("REFUSED");
		assertThat(codes(answer.get("refusals"))).containsExactly("SELLER_BANNED");
		assertThat(answer.get("refusals").get(0).get("detail").asString()).contains("BAN_30D");

		EntityExchangeResult<String> signals = post("/api/v1/lives/it-live-banned/signals",
				"{\"signals\":[{\"seq\":1,\"at\":\"2026-12-03T12:01:00Z\",\"type\":\"DEAD_AIR\",\"durationSec\":5}]}",
				"platform");
		assertThat(signals.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(post("/api/v1/lives/it-live-banned/end", end("2026-12-03T13:00:00Z"), "platform").getStatus())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(post("/api/v1/lives/it-live-never/signals", "{\"signals\":[]}", "platform").getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void invalidRequestsAnswer400NamingTheFieldAndStoreNothing() {
		EntityExchangeResult<String> badId = post("/api/v1/lives",
				goLive("it live", "live-shop", true, "GENERAL", null), "platform");
		assertThat(badId.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(badId.getResponseBody()).get("errors").get(0).get("field").asString())
			.isEqualTo("liveId");
		ObjectNode noStart = (ObjectNode) json.readTree(goLive("it-live-bad", "live-shop", true, "GENERAL", null));
		noStart.remove("startedAt");
		EntityExchangeResult<String> missing = post("/api/v1/lives", noStart.toString(), "platform");
		assertThat(missing.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(missing.getResponseBody()).get("errors").get(0).get("field").asString())
			.isEqualTo("startedAt");
		assertThat(this.jdbc.sql("select count(*) from live where live_id in ('it live', 'it-live-bad')")
			.query(Long.class)
			.single()).isZero();

		post("/api/v1/lives", goLive("it-live-strict", "live-shop", true, "GENERAL", null), "platform");
		EntityExchangeResult<String> noSeq = post("/api/v1/lives/it-live-strict/signals",
				"{\"signals\":[{\"seq\":0,\"at\":\"2026-12-03T12:01:00Z\",\"type\":\"DEAD_AIR\",\"durationSec\":5}]}",
				"platform");
		assertThat(noSeq.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(noSeq.getResponseBody()).get("errors").get(0).get("field").asString())
			.isEqualTo("signals[0].seq");
		EntityExchangeResult<String> early = post("/api/v1/lives/it-live-strict/signals",
				"{\"signals\":[{\"seq\":1,\"at\":\"2026-12-03T11:59:00Z\",\"type\":\"DEAD_AIR\",\"durationSec\":5}]}",
				"platform");
		assertThat(early.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(early.getResponseBody()).get("errors").get(0).get("field").asString())
			.startsWith("signals[0]");
		assertThat(this.jdbc.sql("select count(*) from live_signal where live_id = 'it-live-strict'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void signalsDecideRemindWarnAndStopCountDuplicatesAndLateOnesAndTheEndIsAScoredSession() {
		post("/api/v1/lives", goLive("it-live-ladder", "live-shop", true, "GENERAL", null), "platform");

		JsonNode first = signals("it-live-ladder",
				"""
						{"signals":[
						  {"seq":1,"at":"2026-12-03T12:05:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.93},
						  {"seq":2,"at":"2026-12-03T12:04:00Z","type":"PRODUCT_SHOWN","sku":"p-1"}
						],"viewers":420}
						""");
		assertThat(first.get("accepted").asInt()).isEqualTo(2);
		assertThat(first.get("strikes").asInt()).isEqualTo(1);
		assertThat(first.get("status").asString()).isEqualTo("OPEN");
		assertThat(first.get("actions")).hasSize(1);
		JsonNode remind = first.get("actions").get(0);
		assertThat(remind.get("actionId").asString()).isEqualTo("it-live-ladder:1");
		assertThat(remind.get("level").asString()).isEqualTo("REMIND");
		assertThat(remind.get("code").asString()).isEqualTo("VULGAR_CONTENT");
		assertThat(remind.get("at").asString()).isEqualTo("2026-12-03T12:05:00Z");
		assertThat(remind.get("snapshot").get("from").asString()).isEqualTo("2026-12-03T12:04:00Z");
		assertThat(remind.get("message").isString()).isTrue();

		JsonNode second = signals("it-live-ladder",
				"""
						{"signals":[
						  {"seq":1,"at":"2026-12-03T12:05:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.93},
						  {"seq":3,"at":"2026-12-03T12:06:00Z","type":"MODERATION_FLAG","code":"OFF_PLATFORM_REDIRECT","confidence":0.9},
						  {"seq":4,"at":"2026-12-03T12:01:00Z","type":"MODERATION_FLAG","code":"DANGEROUS_ACT","confidence":0.99}
						]}
						""");
		assertThat(second.get("accepted").asInt()).isEqualTo(2);
		assertThat(second.get("duplicates").asInt()).isEqualTo(1);
		assertThat(second.get("late").asInt()).isEqualTo(1);
		assertThat(second.get("strikes").asInt()).isEqualTo(2);
		assertThat(second.get("actions").findValuesAsString("actionId")).containsExactly("it-live-ladder:2");
		assertThat(second.get("actions").get(0).get("level").asString()).isEqualTo("WARN");

		JsonNode third = signals("it-live-ladder",
				"""
						{"signals":[{"seq":5,"at":"2026-12-03T12:07:00Z","type":"MODERATION_FLAG","code":"FAKE_ENGAGEMENT","confidence":0.95}]}
						""");
		assertThat(third.get("status").asString()).isEqualTo("STOPPED");
		assertThat(third.get("strikes").asInt()).isEqualTo(4);
		JsonNode stop = third.get("actions").get(0);
		assertThat(stop.get("actionId").asString()).isEqualTo("it-live-ladder:3");
		assertThat(stop.get("level").asString()).isEqualTo("STOP");
		assertThat(stop.get("severity").asString()).isEqualTo("SEVERE");

		// STOPPED still accepts, and decides nothing more
		JsonNode after = signals("it-live-ladder",
				"""
						{"signals":[{"seq":6,"at":"2026-12-03T12:08:00Z","type":"MODERATION_FLAG","code":"MINOR_ALONE","confidence":0.95}]}
						""");
		assertThat(after.get("accepted").asInt()).isEqualTo(1);
		assertThat(after.get("actions")).isEmpty();

		JsonNode live = json.readTree(get("/api/v1/lives/it-live-ladder", "analyst").getResponseBody());
		assertThat(live.get("status").asString()).isEqualTo("STOPPED");
		assertThat(live.get("signalsAccepted").asInt()).isEqualTo(6);
		assertThat(live.get("late").asInt()).isEqualTo(1);
		assertThat(live.get("actions").findValuesAsString("actionId")).containsExactly("it-live-ladder:1",
				"it-live-ladder:2", "it-live-ladder:3");
		assertThat(live.get("actions").get(0).get("message").asString()).startsWith("Reminder: ");
		JsonNode inVietnamese = json.readTree(this.client.get()
			.uri("/api/v1/lives/it-live-ladder")
			.headers(basic("analyst"))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "vi-VN,vi;q=0.9,en;q=0.5")
			.exchange()
			.returnResult(String.class)
			.getResponseBody());
		assertThat(inVietnamese.get("actions").get(0).get("message").asString()).startsWith("Nhắc nhở: ");

		EntityExchangeResult<String> ended = post("/api/v1/lives/it-live-ladder/end", end("2026-12-03T12:30:00Z"),
				"platform");
		assertThat(ended.getStatus()).isEqualTo(HttpStatus.OK);
		JsonNode card = json.readTree(ended.getResponseBody());
		assertThat(card.get("sessionId").asString()).isEqualTo("it-live-ladder");
		assertThat(card.get("findings").findValuesAsString("code")).contains("VULGAR_CONTENT", "FAKE_ENGAGEMENT");
		// the late signal is part of the record: the card counts it
		assertThat(card.get("findings").findValuesAsString("code")).contains("DANGEROUS_ACT");
		assertThat(get("/api/v1/sessions/it-live-ladder/score", "analyst").getResponseBody())
			.isEqualTo(ended.getResponseBody());
		assertThat(post("/api/v1/lives/it-live-ladder/end", end("2026-12-03T12:45:00Z"), "platform").getResponseBody())
			.isEqualTo(ended.getResponseBody());
		EntityExchangeResult<String> late = post("/api/v1/lives/it-live-ladder/signals",
				"{\"signals\":[{\"seq\":7,\"at\":\"2026-12-03T12:09:00Z\",\"type\":\"DEAD_AIR\",\"durationSec\":5}]}",
				"platform");
		assertThat(late.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(json.readTree(get("/api/v1/lives/it-live-ladder", "analyst").getResponseBody())
			.get("status")
			.asString()).isEqualTo("ENDED");
	}

	@Test
	void aLiveIdThatIsASessionsIsAConflict() {
		String record = end("2026-12-03T13:00:00Z");
		ObjectNode session = (ObjectNode) json.readTree(goLive("it-live-session", "live-shop", true, "GENERAL", null));
		session.set("sessionId", session.remove("liveId"));
		ObjectNode end = (ObjectNode) json.readTree(record);
		session.set("endedAt", end.get("endedAt"));
		session.set("stats", end.get("stats"));
		session.putArray("signals");
		assertThat(post("/api/v1/sessions", session.toString(), "platform").getStatus()).isEqualTo(HttpStatus.CREATED);

		EntityExchangeResult<String> live = post("/api/v1/lives",
				goLive("it-live-session", "live-shop", true, "GENERAL", null), "platform");
		assertThat(live.getStatus()).isEqualTo(HttpStatus.CONFLICT);
	}

	@Test
	void aSessionWithTheIdOfALiveNotEndedIsAConflictUntilTheLiveEnds() {
		post("/api/v1/lives", goLive("it-live-running", "live-shop", true, "GENERAL", null), "platform");
		post("/api/v1/lives", goLive("it-live-refused", "live-shop", false, "GENERAL", null), "platform");
		String running = sessionOf("it-live-running", "2026-12-03T13:00:00Z");

		EntityExchangeResult<String> open = post("/api/v1/sessions", running, "platform");

		assertThat(open.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(json.readTree(open.getResponseBody()).get("detail").asString())
			.isEqualTo("sessionId: 'it-live-running' is the id of a live that is still OPEN; it becomes a session"
					+ " when it ends (POST /api/v1/lives/it-live-running/end)");
		EntityExchangeResult<String> refused = post("/api/v1/sessions",
				sessionOf("it-live-refused", "2026-12-03T13:00:00Z"), "platform");
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(json.readTree(refused.getResponseBody()).get("detail").asString())
			.contains("a live refused at its go-live check");
		assertThat(this.jdbc.sql("select count(*) from live_session where session_id like 'it-live-r%'")
			.query(Long.class)
			.single()).as("nothing stored").isZero();
		// the NDJSON batch refuses the line the same way
		EntityExchangeResult<String> batch = this.client.post()
			.uri("/api/v1/sessions/batch")
			.headers(basic("platform"))
			.contentType(MediaType.parseMediaType("application/x-ndjson"))
			.body(running)
			.exchange()
			.returnResult(String.class);
		assertThat(json.readTree(batch.getResponseBody()).get("rejected").get(0).get("error").asString())
			.contains("still OPEN");

		// ended, the live is that session: the same record is a repeat, not a conflict
		EntityExchangeResult<String> ended = post("/api/v1/lives/it-live-running/end", end("2026-12-03T13:00:00Z"),
				"platform");
		assertThat(ended.getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<String> whole = post("/api/v1/sessions", running, "platform");
		assertThat(whole.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(whole.getResponseBody()).isEqualTo(ended.getResponseBody());
	}

	/** The session record of a live opened with {@link #goLive} with no signal. */
	private static String sessionOf(String liveId, String endedAt) {
		ObjectNode session = (ObjectNode) json.readTree(goLive(liveId, "live-shop", true, "GENERAL", null));
		session.set("sessionId", session.remove("liveId"));
		ObjectNode end = (ObjectNode) json.readTree(end(endedAt));
		session.set("endedAt", end.get("endedAt"));
		session.set("stats", end.get("stats"));
		session.putArray("signals");
		return session.toString();
	}

	@Test
	void generatedLivesDecideAsTheEngineAlsoWhenRebuiltAndEndAsTheSameRecordSentWhole() {
		LiveGenerator generator = new LiveGenerator(13);
		int checked = 0;
		for (int index = 0; checked < 6 && index < 40; index++) {
			GeneratedLive generated = generator.live(index);
			if (generated.planted().isEmpty() && checked > 0) {
				continue;
			}
			checked++;
			// every other live loses its decider after each request
			boolean evict = checked % 2 == 0;
			GoLive request = generated.request();
			JsonNode answer = json
				.readTree(post("/api/v1/lives", json.writeValueAsString(request), "platform").getResponseBody());
			if (answer.get("status").asString().equals("REFUSED")) {
				continue;
			}
			List<String> expected = engineActions(request, generated.requests(), answer);
			List<String> served = new ArrayList<>();
			for (GeneratedLive.Request sent : generated.requests()) {
				JsonNode decided = signals(request.liveId(), SignalBatches.body(sent));
				for (JsonNode action : decided.get("actions")) {
					served.add(describe(action));
				}
				if (evict) {
					this.open.forget(request.liveId());
					assertThat(this.open.holds(request.liveId())).isFalse();
				}
			}
			assertThat(served).as("actions of %s (rebuilt: %s)", request.liveId(), evict).isEqualTo(expected);
			JsonNode stored = json.readTree(get("/api/v1/lives/" + request.liveId(), "admin").getResponseBody());
			List<String> storedActions = new ArrayList<>();
			stored.get("actions").forEach((action) -> storedActions.add(describe(action)));
			assertThat(storedActions).isEqualTo(expected);

			String endedAt = lastAt(generated).plusSeconds(60).toString();
			EntityExchangeResult<String> ended = post("/api/v1/lives/" + request.liveId() + "/end", end(endedAt),
					"platform");
			assertThat(ended.getStatus()).isEqualTo(HttpStatus.OK);
			// the same record sent whole is the same content: the stored card, not a
			// conflict
			String record = record(request, generated.requests(), endedAt);
			EntityExchangeResult<String> whole = post("/api/v1/sessions", record, "platform");
			assertThat(whole.getStatus()).isEqualTo(HttpStatus.OK);
			assertThat(whole.getResponseBody()).isEqualTo(ended.getResponseBody());
			// and scored afresh under another id it gets the same findings
			ObjectNode copy = (ObjectNode) json.readTree(record);
			copy.put("sessionId", request.liveId() + "-whole");
			JsonNode fresh = json.readTree(post("/api/v1/sessions", copy.toString(), "platform").getResponseBody());
			JsonNode card = json.readTree(ended.getResponseBody());
			assertThat(fresh.get("contentScore")).isEqualTo(card.get("contentScore"));
			assertThat(fresh.get("violationPoints")).isEqualTo(card.get("violationPoints"));
			assertThat(fresh.get("findings")).isEqualTo(card.get("findings"));
		}
		assertThat(checked).isEqualTo(6);
	}

	@Test
	void aLiveThatReceivesNothingForTheIdleTimeoutIsEndedAtItsLastSignal() {
		post("/api/v1/lives", goLive("it-live-idle", "live-shop", true, "GENERAL", null), "platform");
		signals("it-live-idle", """
				{"signals":[{"seq":1,"at":"2026-12-03T12:03:00Z","type":"PRODUCT_SHOWN","sku":"p-1"}],"viewers":75}
				""");
		Instant now = Instant.now();

		this.enforcement.endIdle(now.plus(Duration.ofMinutes(29)));
		assertThat(
				json.readTree(get("/api/v1/lives/it-live-idle", "analyst").getResponseBody()).get("status").asString())
			.isEqualTo("OPEN");

		this.enforcement.endIdle(now.plus(Duration.ofMinutes(31)));
		JsonNode live = json.readTree(get("/api/v1/lives/it-live-idle", "analyst").getResponseBody());
		assertThat(live.get("status").asString()).isEqualTo("ENDED");
		assertThat(live.get("endedAt").asString()).isEqualTo("2026-12-03T12:03:00Z");
		JsonNode session = json.readTree(get("/api/v1/sessions/it-live-idle", "analyst").getResponseBody());
		JsonNode record = session.has("record") ? session.get("record") : session;
		assertThat(record.toString()).contains("\"peakViewers\":75", "\"avgViewers\":75", "\"orders\":0");
		assertThat(post("/api/v1/lives/it-live-idle/signals", "{\"signals\":[]}", "platform").getStatus())
			.isEqualTo(HttpStatus.CONFLICT);
	}

	/** What the engine decides for the live on its own, without HTTP or storage. */
	private List<String> engineActions(GoLive request, List<GeneratedLive.Request> requests, JsonNode answer) {
		Lives lives = new Lives(this.engine.registry().forMarket(request.market()));
		GoLiveAnswer checked = lives.check(request, List.of());
		assertThat(checked.status().name()).isEqualTo(answer.get("status").asString());
		List<String> actions = new ArrayList<>();
		try (LiveDecider decider = lives.open(request, checked)) {
			for (GeneratedLive.Request sent : requests) {
				for (Action action : decider.decide(sent.signals(), sent.viewers(), Instant.now()).actions()) {
					actions.add(action.actionId() + " " + action.level() + " " + action.code() + " " + action.strikes()
							+ " " + action.at());
				}
			}
			assertThat(decider.status()).isIn(LiveStatus.OPEN, LiveStatus.STOPPED);
		}
		return actions;
	}

	private static String describe(JsonNode action) {
		return action.get("actionId").asString() + " " + action.get("level").asString() + " "
				+ action.get("code").asString() + " " + action.get("strikes").asInt() + " "
				+ action.get("at").asString();
	}

	/**
	 * The session record the live becomes: every accepted signal (first of its seq, each
	 * request's in at order) without seq.
	 */
	private static String record(GoLive request, List<GeneratedLive.Request> requests, String endedAt) {
		ObjectNode record = (ObjectNode) json.readTree(json.writeValueAsString(request));
		record.set("sessionId", record.remove("liveId"));
		ObjectNode end = (ObjectNode) json.readTree(end(endedAt));
		record.set("endedAt", end.get("endedAt"));
		record.set("stats", end.get("stats"));
		ArrayNode signals = record.putArray("signals");
		Set<Long> seen = new HashSet<>();
		for (GeneratedLive.Request sent : requests) {
			sent.signals()
				.stream()
				.sorted(Comparator.comparing((SequencedSignal signal) -> signal.signal().at()))
				.filter((signal) -> seen.add(signal.seq()))
				.forEach((signal) -> signals.add(json.readTree(json.writeValueAsString(signal.signal()))));
		}
		return record.toString();
	}

	private static Instant lastAt(GeneratedLive live) {
		return live.requests()
			.stream()
			.flatMap((request) -> request.signals().stream())
			.map((signal) -> signal.signal().at())
			.max(Comparator.naturalOrder())
			.orElse(live.request().startedAt());
	}

	private JsonNode signals(String liveId, String body) {
		EntityExchangeResult<String> result = post("/api/v1/lives/" + liveId + "/signals", body, "platform");
		assertThat(result.getStatus()).as(result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return json.readTree(result.getResponseBody());
	}

	private static String goLive(String liveId, String sellerId, boolean verified, String category,
			String adConfirmationId) {
		ObjectNode body = json.createObjectNode();
		body.put("liveId", liveId);
		body.put("sellerId", sellerId);
		body.put("market", "VN");
		body.put("startedAt", START);
		ObjectNode host = body.putObject("host");
		host.put("hostId", "kol-77");
		host.put("identityVerified", verified);
		ObjectNode product = body.putArray("products").addObject();
		product.put("sku", "p-1");
		product.put("category", category);
		product.put("adConfirmationId", adConfirmationId);
		product.put("declaredOrigin", "VN");
		product.put("verifiedOrigin", "VN");
		product.put("listPrice", 450000);
		product.put("livePrice", 399000);
		return body.toString();
	}

	private static String end(String endedAt) {
		return """
				{"endedAt":"%s","stats":{"peakViewers":500,"avgViewers":300,"comments":200,"commentsAnswered":120,
				 "orders":30,"viewerReports":0}}
				""".formatted(endedAt);
	}

	private static List<String> codes(JsonNode notes) {
		List<String> codes = new ArrayList<>();
		notes.forEach((note) -> codes.add(note.get("code").asString()));
		return codes;
	}

	/** A penalty of the seller from one day to another (UTC midnights). */
	private void ban(String penaltyId, String sellerId, String from, String to) {
		this.jdbc.sql("""
				insert into penalty (penalty_id, seller_id, market, level, starts_at, ends_at, threshold_points,
				    critical, decided_by_run, decided_for, decided_at)
				values (?, ?, 'VN', 'BAN_30D', ?, ?, 36, false, 0, ?, ?)
				""")
			.params(penaltyId, sellerId, OffsetDateTime.parse(from + "T00:00:00Z"),
					OffsetDateTime.parse(to + "T00:00:00Z"), LocalDate.parse(from),
					OffsetDateTime.parse(from + "T00:00:00Z"))
			.update();
	}

	private void createUser(String username, String role, String sellerId) {
		if (this.jdbc.sql("select count(*) from app_user where username = ?")
			.param(username)
			.query(Long.class)
			.single() == 0) {
			this.jdbc.sql("""
					insert into app_user (username, password_hash, role, seller_id, enabled, created_at)
					values (?, ?, ?, ?, true, current_timestamp)
					""").params(username, this.passwordEncoder.encode(USER_PASSWORD), role, sellerId).update();
		}
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

	private static Consumer<HttpHeaders> basic(String username) {
		String password = "admin".equals(username) ? ADMIN_PASSWORD : USER_PASSWORD;
		return (headers) -> headers.setBasicAuth(username, password);
	}

}
