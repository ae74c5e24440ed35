package io.liveguard.web.rulepack;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.session.SessionCodec;
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
 * The analysts' journey of the issue, end to end over generated history: a draft edits
 * the OFF_PLATFORM_REDIRECT keyword list and the 7-day threshold; its back-test's
 * seller-level difference matches an independent recomputation (the stored findings, the
 * keyword's effect, and the policy's ladder applied by hand); its author cannot publish
 * it; an admin publishes it while sessions keep arriving, with no failed request; and
 * rolls it back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + RulePackJourneyIntegrationTests.PASSWORD)
@AutoConfigureRestTestClient
@DirtiesContext
class RulePackJourneyIntegrationTests {

	static final String PASSWORD = "rule-pack-journey-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final LocalDate FROM = LocalDate.of(2026, 11, 1);

	private static final int DAYS = 10;

	private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

	/** OFF_PLATFORM_REDIRECT: MODERATE, 3 points (findings.csv). */
	private static final int OFF_PLATFORM_POINTS = 3;

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

	@Test
	void draftBacktestRefusalPublicationUnderLoadAndRollback() throws Exception {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
				values ('lan', ?, 'ANALYST', null, true, current_timestamp, 0)
				""").param(this.encoder.encode(PASSWORD)).update();

		// ten days of generated sessions of 40 sellers; every fifth host also says
		// "signal"
		SessionCodec codec = new SessionCodec();
		SessionGenerator generator = new SessionGenerator(GeneratorSettings.defaults()
			.withCount(400)
			.withSellers(40)
			.withMarkets(List.of("VN"))
			.withFrom(FROM)
			.withDays(DAYS)
			.withSeed(7));
		StringBuilder ndjson = new StringBuilder();
		Set<String> saysSignal = new HashSet<>();
		AtomicInteger index = new AtomicInteger();
		generator.sessions().forEach((session) -> {
			ObjectNode record = (ObjectNode) json.readTree(codec.write(session));
			if (index.getAndIncrement() % 5 == 0) {
				ObjectNode said = json.createObjectNode();
				said.put("at", session.startedAt().plusSeconds(60).toString());
				said.put("type", "TRANSCRIPT");
				said.put("text", "Muốn giá tốt thì nhắn signal cho shop nhé");
				((ArrayNode) record.get("signals")).insert(0, said);
				saysSignal.add(session.sessionId());
			}
			ndjson.append(json.writeValueAsString(record)).append('\n');
		});
		EntityExchangeResult<String> stored = this.client.post()
			.uri("/api/v1/sessions/batch")
			.headers(basic("admin"))
			.contentType(MediaType.parseMediaType("application/x-ndjson"))
			.body(ndjson.toString())
			.exchange()
			.returnResult(String.class);
		assertThat(body(stored).get("accepted").asInt()).as(stored.getResponseBody()).isEqualTo(400);

		// the draft: "signal" is off-platform; the 7-day ban from 10 points instead of 9
		ArrayNode files = (ArrayNode) body(get("/api/v1/rule-packs/default/versions/1", "lan")).get("files").deepCopy();
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
		draft.put("note", "signal is off-platform; 7-day ban from 10 points");
		draft.set("files", files);
		int version = body(post("/api/v1/rule-packs/default/versions", json.writeValueAsString(draft), "lan"))
			.get("version")
			.asInt();

		// back-tested over the ten days
		EntityExchangeResult<String> started = post("/api/v1/rule-packs/default/versions/" + version + "/backtest",
				"{\"from\":\"" + FROM + "\",\"to\":\"" + FROM.plusDays(DAYS - 1) + "\"}", "lan");
		assertThat(started.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		String location = started.getResponseHeaders().getLocation().getPath();
		JsonNode report = await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> body(get(location, "lan")),
					(status) -> List.of("COMPLETED", "FAILED").contains(status.get("status").asString()));
		assertThat(report.get("status").asString()).as(String.valueOf(report.get("failure"))).isEqualTo("COMPLETED");

		// the independent recomputation: the findings on record (scored by v1 at ingest),
		// plus
		// OFF_PLATFORM_REDIRECT for a "signal" session that lacked it; the policy's
		// ladder by hand
		Map<String, List<Entry>> baseline = new TreeMap<>();
		Map<String, List<Entry>> candidate = new TreeMap<>();
		this.jdbc.sql("""
				select s.session_id, s.seller_id, s.business_date, f.code, f.severity, f.points
				from live_session s left join finding f on f.session_id = s.session_id and f.kind = 'VIOLATION'
				where s.business_date between ? and ?
				""").params(FROM, FROM.plusDays(DAYS - 1)).query((rs) -> {
			String seller = rs.getString(2);
			baseline.computeIfAbsent(seller, (s) -> new ArrayList<>());
			candidate.computeIfAbsent(seller, (s) -> new ArrayList<>());
			if (rs.getString(4) != null) {
				Entry entry = new Entry(rs.getString(1), rs.getObject(3, LocalDate.class), rs.getString(4),
						"CRITICAL".equals(rs.getString(5)), rs.getInt(6));
				baseline.get(seller).add(entry);
				candidate.get(seller).add(entry);
			}
		});
		this.jdbc
			.sql("select session_id, seller_id, business_date from live_session where business_date between ? and ?")
			.params(FROM, FROM.plusDays(DAYS - 1))
			.query((rs) -> {
				String sessionId = rs.getString(1);
				List<Entry> entries = candidate.get(rs.getString(2));
				if (saysSignal.contains(sessionId) && entries.stream()
					.noneMatch((e) -> e.sessionId().equals(sessionId) && e.code().equals("OFF_PLATFORM_REDIRECT"))) {
					entries.add(new Entry(sessionId, rs.getObject(3, LocalDate.class), "OFF_PLATFORM_REDIRECT", false,
							OFF_PLATFORM_POINTS));
				}
			});
		Map<String, String> expected = new TreeMap<>();
		for (String seller : baseline.keySet()) {
			String before = ladder(baseline.get(seller), 9);
			String after = ladder(candidate.get(seller), 10);
			if (!before.equals(after)) {
				expected.put(seller, before + " -> " + after);
			}
		}
		Map<String, String> actual = new TreeMap<>();
		for (JsonNode seller : report.get("sellers")) {
			actual.put(seller.get("sellerId").asString(),
					seller.get("baselinePenalties").asString() + " -> " + seller.get("candidatePenalties").asString());
		}
		assertThat(expected).as("the generated history makes a difference").isNotEmpty();
		assertThat(actual).isEqualTo(expected);
		long gained = report.get("byCode")
			.valueStream()
			.filter((c) -> c.get("code").asString().equals("OFF_PLATFORM_REDIRECT"))
			.mapToLong((c) -> c.get("gained").asLong())
			.sum();
		assertThat(gained).isEqualTo(candidate.values().stream().mapToLong(List::size).sum()
				- baseline.values().stream().mapToLong(List::size).sum());

		// its author proposes it, which freezes it, and cannot publish it
		assertThat(post("/api/v1/rule-packs/default/versions/" + version + "/propose", "", "lan").getStatus())
			.isEqualTo(HttpStatus.OK);
		String reviewed = body(get("/api/v1/rule-packs/default/versions/" + version, "admin")).get("contentHash")
			.asString();
		String approval = "{\"contentHash\": \"" + reviewed + "\"}";
		assertThat(post("/api/v1/rule-packs/default/versions/" + version + "/publish", approval, "lan").getStatus())
			.isEqualTo(HttpStatus.FORBIDDEN);

		// the platform listens for publications
		EntityExchangeResult<String> endpoint = post("/api/v1/webhooks",
				"{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"rulepack.published\"]}", "admin");
		assertThat(endpoint.getStatus()).isEqualTo(HttpStatus.CREATED);
		String endpointId = body(endpoint).get("id").asString();

		// an admin publishes it while sessions keep arriving: not one request fails
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Integer> versions = new ConcurrentLinkedQueue<>();
		AtomicBoolean loading = new AtomicBoolean(true);
		AtomicInteger sent = new AtomicInteger();
		ExecutorService load = Executors.newFixedThreadPool(4);
		List<Future<?>> senders = new ArrayList<>();
		List<String> more = new SessionGenerator(GeneratorSettings.defaults()
			.withCount(2000)
			.withSellers(50)
			.withMarkets(List.of("VN"))
			.withFrom(LocalDate.of(2026, 11, 15))
			.withDays(5)
			.withSeed(8)).sessions().map(codec::write).toList();
		// sessions keep arriving until the new version has scored one, however long the
		// publication's checks take: past the generated ones, they come again under new
		// ids
		int atMost = 20 * more.size();
		for (int t = 0; t < 4; t++) {
			senders.add(load.submit(() -> {
				int i;
				while (loading.get() && (i = sent.getAndIncrement()) < atMost) {
					EntityExchangeResult<String> result = post("/api/v1/sessions", again(more, i), "admin");
					if (result.getStatus() != HttpStatus.CREATED) {
						failures.add(result.getStatus() + " " + result.getResponseBody());
					}
					else {
						versions.add(body(result).get("rulePack").get("version").asInt());
					}
				}
			}));
		}
		// sessions scored before the publication, then after it, whatever the machine's
		// load
		await().atMost(Duration.ofSeconds(60)).until(() -> versions.contains(1) || sent.get() >= atMost);
		EntityExchangeResult<String> published = post("/api/v1/rule-packs/default/versions/" + version + "/publish",
				approval, "admin");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> versions.contains(version) || !failures.isEmpty() || sent.get() >= atMost);
		loading.set(false);
		for (Future<?> sender : senders) {
			sender.get();
		}
		load.shutdown();
		assertThat(published.getStatus()).as(published.getResponseBody()).isEqualTo(HttpStatus.OK);
		assertThat(failures).isEmpty();
		assertThat(versions).contains(1, version).containsOnly(1, version);

		// and rolls it back
		assertThat(post("/api/v1/rule-packs/default/versions/1/rollback", "", "admin").getStatus())
			.isEqualTo(HttpStatus.OK);
		assertThat(body(get("/api/v1/rule-packs", "lan")).get(0).get("activeVersion").asInt()).isEqualTo(1);
		assertThat(this.jdbc.sql("select type from audit_event where type like 'RULE_PACK_%' order by id")
			.query(String.class)
			.list()).containsExactly("RULE_PACK_DRAFT_CREATED", "RULE_PACK_PROPOSED", "RULE_PACK_PUBLISHED",
					"RULE_PACK_ROLLED_BACK");
		// each activation is a rulepack.published event, recorded with it
		assertThat(this.jdbc.sql("""
				select e.body from webhook_message m join webhook_event e on e.event_id = m.event_id
				where m.endpoint_id = ? order by m.seq
				""").param(endpointId).query(String.class).list().stream().map((event) -> {
			JsonNode data = json.readTree(event).get("data");
			return json.readTree(event).get("type").asString() + " " + data.get("packId").asString() + " v"
					+ data.get("version").asInt() + " by " + data.get("by").asString() + " "
					+ data.get("markets").valueStream().map(JsonNode::asString).toList();
		})).containsExactly("rulepack.published default v" + version + " by admin [*]",
				"rulepack.published default v1 by admin [*]");
	}

	/**
	 * The penalties the policy's ladder decides over the range (6/9-or-10/12/15 points of
	 * the quarter; a CRITICAL finding: permanent at once; each day only the highest newly
	 * reached level), as {@code LEVEL@date} joined by commas.
	 */
	private static String ladder(List<Entry> entries, int sevenDayPoints) {
		String[] names = { "BAN_3D", "BAN_7D", "BAN_30D", "PERMANENT" };
		int[] thresholds = { 6, sevenDayPoints, 12, 15 };
		List<String> decided = new ArrayList<>();
		int reached = -1;
		for (LocalDate date = FROM; date.isBefore(FROM.plusDays(DAYS)); date = date.plusDays(1)) {
			LocalDate today = date;
			int points = entries.stream().filter((e) -> !e.earnedOn().isAfter(today)).mapToInt(Entry::points).sum();
			boolean critical = entries.stream().anyMatch((e) -> e.critical() && !e.earnedOn().isAfter(today));
			int level = critical ? 3 : -1;
			for (int i = 0; i < thresholds.length && !critical; i++) {
				if (points >= thresholds[i]) {
					level = i;
				}
			}
			if (level > reached) {
				decided.add(names[level] + "@" + date);
				reached = level;
			}
		}
		return String.join(",", decided);
	}

	private record Entry(String sessionId, LocalDate earnedOn, String code, boolean critical, int points) {
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

	/**
	 * The {@code i}th record to send: the generated ones, then the same under new ids.
	 */
	private static String again(List<String> records, int i) {
		String record = records.get(i % records.size());
		if (i < records.size()) {
			return record;
		}
		ObjectNode copy = (ObjectNode) json.readTree(record);
		copy.put("sessionId", copy.get("sessionId").asString() + "-again-" + (i / records.size()));
		return json.writeValueAsString(copy);
	}

}
