package io.liveguard.web.rulepack;

import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.ScoringEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.liveguard.web.rulepack.PackApi.body;
import static io.liveguard.web.rulepack.PackApi.edit;
import static io.liveguard.web.rulepack.PackApi.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A rule pack's life over the API: the shipped pack is version 1; an analyst's draft that
 * does not compile is refused with the line and nothing is stored; one that compiles is
 * proposed, which freezes it, and published by an admin (never by its author) naming the
 * content hash reviewed while sessions keep arriving, with no failed request, and scores
 * from then on; a rollback brings version 1 back.
 */
// a time budget far above what the firing limit needs, so the limit stops the looping
// draft even on a loaded machine
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + RulePackLifecycleIntegrationTests.PASSWORD,
				"liveguard.scoring-time-budget=PT60S" })
@AutoConfigureRestTestClient
@DirtiesContext
@TestMethodOrder(MethodOrderer.MethodName.class)
class RulePackLifecycleIntegrationTests {

	static final String PASSWORD = "rule-pack-test-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final AtomicInteger sessions = new AtomicInteger();

	@Autowired
	private RestTestClient client;

	private PackApi api;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

	@Autowired
	private RulePackLifecycle lifecycle;

	@Autowired
	private ScoringEngine engine;

	@BeforeEach
	void api() {
		this.api = new PackApi(this.client, PASSWORD);
	}

	@BeforeEach
	void analyst() {
		if (this.jdbc.sql("select count(*) from app_user where username = 'lan'").query(Long.class).single() == 0) {
			this.jdbc.sql("""
					insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
					values ('lan', ?, 'ANALYST', null, true, current_timestamp, 0)
					""").param(this.encoder.encode(PASSWORD)).update();
		}
	}

	@Test
	void aDraftIsWrittenRefusedWhenBrokenPublishedUnderLoadAndRolledBack() throws Exception {
		// the shipped pack is version 1, active
		JsonNode packs = body(this.api.get("/api/v1/rule-packs", "lan"));
		assertThat(packs).singleElement().satisfies((pack) -> {
			assertThat(pack.get("packId").asString()).isEqualTo("default");
			assertThat(pack.get("activeVersion").asInt()).isEqualTo(1);
			assertThat(pack.get("markets").get(0).asString()).isEqualTo("*");
		});
		JsonNode v1 = body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan"));
		assertThat(v1.get("status").asString()).isEqualTo("PUBLISHED");
		assertThat(v1.get("active").asBoolean()).isTrue();
		assertThat(v1.get("author").asString()).isEqualTo("liveguard");
		assertThat(v1.get("files")).extracting((f) -> f.get("path").asString())
			.contains("rules/conduct.drl", "keywords/off-platform.txt", "settings.properties", "findings.csv");
		JsonNode before = scoreCard(telegramSession());
		String earlier = before.get("sessionId").asString();
		assertThat(before.get("findings")).extracting((f) -> f.get("code").asString())
			.doesNotContain("OFF_PLATFORM_REDIRECT");

		// a draft with a syntax error: 422 naming file and line, nothing stored
		ArrayNode broken = files(v1);
		edit(broken, "rules/conduct.drl", (drl) -> drl.replaceFirst("then", "then\n    this is not java;"));
		EntityExchangeResult<String> refused = this.api.post("/api/v1/rule-packs/default/versions",
				draft(1, "broken", broken), "lan");
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode errors = body(refused).get("errors");
		assertThat(errors).isNotEmpty();
		assertThat(errors.get(0).get("path").asString()).isEqualTo("rules/conduct.drl");
		assertThat(errors.get(0).get("line").asInt()).isPositive();
		assertThat(versionsOf("default")).isEqualTo(1);

		// a draft adding "telegram" to the off-platform keywords and raising the 7-day
		// threshold to 10
		ArrayNode changed = files(v1);
		edit(changed, "keywords/off-platform.txt", (list) -> list + "signal\n");
		edit(changed, "settings.properties",
				(settings) -> settings.replace("ladder.BAN_7D.minPoints = 9", "ladder.BAN_7D.minPoints = 10"));
		EntityExchangeResult<String> created = this.api.post("/api/v1/rule-packs/default/versions",
				draft(1, "signal is off-platform; 7-day ban from 10 points", changed), "lan");
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(body(created).get("version").asInt()).isEqualTo(2);
		JsonNode v2 = body(this.api.get("/api/v1/rule-packs/default/versions/2", "admin"));
		assertThat(v2.get("status").asString()).isEqualTo("DRAFT");
		assertThat(v2.get("basedOn").asInt()).isEqualTo(1);
		assertThat(v2.get("author").asString()).isEqualTo("lan");

		// its own test cases (the shared examples) pass, and a given case shows what the
		// change does
		ObjectNode given = json.createObjectNode();
		given.put("name", "signal is off-platform now");
		given.set("session", json.readTree(telegramSession()));
		given.set("expect", json.readTree("{\"findings\": [\"OFF_PLATFORM_REDIRECT\"]}"));
		String cases = "{\"cases\": [" + json.writeValueAsString(given) + "]}";
		JsonNode tested = body(this.api.post("/api/v1/rule-packs/default/versions/2/test", cases, "lan"));
		long own = files(v1).valueStream().filter((file) -> file.get("path").asString().startsWith("tests/")).count();
		assertThat(own).as("sessions and scripted lives").isGreaterThan(30);
		assertThat(tested.get("passed").asInt()).isEqualTo((int) own + 1);
		assertThat(tested.get("failed").asInt()).isZero();
		JsonNode testedV1 = body(this.api.post("/api/v1/rule-packs/default/versions/1/test", cases, "lan"));
		assertThat(testedV1.get("failed").asInt()).isEqualTo(1);
		assertThat(testedV1.get("results")).filteredOn((r) -> !r.get("passed").asBoolean())
			.singleElement()
			.satisfies((r) -> assertThat(r.get("problems").get(0).asString())
				.isEqualTo("expected finding OFF_PLATFORM_REDIRECT is missing"));

		// proposed, which freezes it; its author may not publish it: not over the API (an
		// analyst), nor as the checker
		String hash = propose("default", 2);
		assertThat(this.api.post("/api/v1/rule-packs/default/versions/2/publish", approval(hash), "lan").getStatus())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThatExceptionOfType(SelfApproval.class)
			.isThrownBy(() -> this.lifecycle.publish("default", 2, "lan", hash))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.FORBIDDEN))
			.satisfies((ex) -> assertThat(ex.detail()).contains("another person"));

		// published by an admin while sessions keep arriving: no request fails, each is
		// scored by v1 or v2
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Integer> versions = new ConcurrentLinkedQueue<>();
		AtomicBoolean loading = new AtomicBoolean(true);
		ExecutorService load = Executors.newFixedThreadPool(4);
		List<Future<?>> senders = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			senders.add(load.submit(() -> {
				while (loading.get()) {
					// paced, about 50 sessions a second each: enough to catch a request
					// during the switch, without starving the publication's child JVM of
					// the machine's two cores
					LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
					EntityExchangeResult<String> result = this.api.post("/api/v1/sessions", telegramSession(), "admin");
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
		await().atMost(Duration.ofSeconds(60)).until(() -> versions.contains(1));
		EntityExchangeResult<String> published = this.api.post("/api/v1/rule-packs/default/versions/2/publish",
				approval(hash), "admin");
		await().atMost(Duration.ofSeconds(60)).until(() -> versions.contains(2) || !failures.isEmpty());
		loading.set(false);
		for (Future<?> sender : senders) {
			sender.get();
		}
		load.shutdown();
		assertThat(published.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(published).get("status").asString()).isEqualTo("PUBLISHED");
		assertThat(body(published).get("publishedBy").asString()).isEqualTo("admin");
		assertThat(failures).isEmpty();
		assertThat(versions).contains(1, 2).containsOnly(1, 2);

		// a session scored by v1 before, scored again: by the version of its time, and by
		// the current one
		JsonNode rescored = body(this.api.get("/api/v1/sessions/" + earlier + "/rescore", "lan"));
		assertThat(rescored.get("stored").get("rulePack").get("version").asInt()).isEqualTo(1);
		assertThat(rescored.get("atItsTime").get("rulePack").get("version").asInt()).isEqualTo(1);
		assertThat(rescored.get("atItsTime").get("findings")).extracting((f) -> f.get("code").asString())
			.doesNotContain("OFF_PLATFORM_REDIRECT");
		assertThat(rescored.get("current").get("rulePack").get("version").asInt()).isEqualTo(2);
		assertThat(rescored.get("current").get("findings")).extracting((f) -> f.get("code").asString())
			.contains("OFF_PLATFORM_REDIRECT");

		// from now on v2 scores: the signal line is a finding, and the card says which
		// version judged it
		JsonNode card = scoreCard(telegramSession());
		assertThat(card.get("rulePack").get("version").asInt()).isEqualTo(2);
		assertThat(card.get("findings")).extracting((f) -> f.get("code").asString()).contains("OFF_PLATFORM_REDIRECT");
		assertThat(body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")).get("status").asString())
			.isEqualTo("RETIRED");
		assertThat(body(this.api.get("/api/v1/rule-packs", "lan")).get(0).get("activeVersion").asInt()).isEqualTo(2);

		// a published version never changes
		assertThat(this.api.put("/api/v1/rule-packs/default/versions/2", draft(1, "late edit", changed), "lan")
			.getStatus()).isEqualTo(HttpStatus.CONFLICT);

		// rollback to v1
		EntityExchangeResult<String> rolledBack = this.api.post("/api/v1/rule-packs/default/versions/1/rollback", "",
				"admin");
		assertThat(rolledBack.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(scoreCard(telegramSession()).get("rulePack").get("version").asInt()).isEqualTo(1);
		assertThat(body(this.api.get("/api/v1/rule-packs/default/versions/2", "lan")).get("status").asString())
			.isEqualTo("RETIRED");

		assertThat(this.jdbc.sql("select type from audit_event where type like 'RULE_PACK_%' order by id")
			.query(String.class)
			.list()).containsExactly("RULE_PACK_DRAFT_CREATED", "RULE_PACK_PROPOSED", "RULE_PACK_PUBLISHED",
					"RULE_PACK_ROLLED_BACK");
	}

	@Test
	void draftsAreEditedUntilPublishedAndBadFilesAreRefused() {
		ArrayNode files = files(body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")));
		EntityExchangeResult<String> created = this.api.post("/api/v1/rule-packs/default/versions",
				draft(1, "edit me", files), "lan");
		int version = body(created).get("version").asInt();
		edit(files, "keywords/off-platform.txt", (list) -> list + "viber\n");
		EntityExchangeResult<String> updated = this.api.put("/api/v1/rule-packs/default/versions/" + version,
				draft(1, "edit me", files), "lan");
		assertThat(updated.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(updated).get("files"))
			.anySatisfy((f) -> assertThat(f.get("content").asString()).contains("viber"));

		// DRL that tries to leave the rules is refused with its line; one that loops is
		// stopped when run
		ArrayNode exiting = files.deepCopy();
		edit(exiting, "rules/conduct.drl", (drl) -> drl.replaceFirst("then", "then\n    System.exit(0);"));
		EntityExchangeResult<String> exit = this.api.post("/api/v1/rule-packs/default/versions",
				draft(1, "exit", exiting), "lan");
		assertThat(exit.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode exitError = body(exit).get("errors").get(0);
		assertThat(exitError.get("path").asString()).isEqualTo("rules/conduct.drl");
		assertThat(exitError.get("message").asString()).contains("'System' is not allowed in rule packs");
		ArrayNode looping = files.deepCopy();
		edit(looping, "rules/conduct.drl", (drl) -> drl + """

				rule "updates its own fact for ever"
				when
				    $s : SessionSummary()
				then
				    update( $s );
				end
				""");
		ArrayNode ownBudget = looping.deepCopy();
		edit(ownBudget, "settings.properties", (settings) -> settings + "\nengine.timeBudgetMillis = 600000\n");
		EntityExchangeResult<String> budget = this.api.post("/api/v1/rule-packs/default/versions",
				draft(1, "budget", ownBudget), "lan");
		assertThat(budget.getStatus()).as("the time budget is the engine's")
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(body(budget).get("errors").get(0).get("message").asString()).contains("not a pack's to set");
		int loops = body(this.api.post("/api/v1/rule-packs/default/versions", draft(1, "loops", looping), "lan"))
			.get("version")
			.asInt();
		JsonNode tested = body(this.api.post("/api/v1/rule-packs/default/versions/" + loops + "/test", "{}", "lan"));
		assertThat(tested.get("failed").asInt()).isEqualTo(4);
		assertThat(tested.get("results").get(0).get("problems").get(0).asString()).contains("scoring failed", "loop");

		ArrayNode escaping = files.deepCopy();
		((ObjectNode) escaping.get(0)).put("path", "../../etc/passwd");
		assertThat(this.api.post("/api/v1/rule-packs/default/versions", draft(1, "x", escaping), "lan").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.api.post("/api/v1/rule-packs/nope/versions", draft(1, "x", files), "lan").getStatus())
			.as("a new pack's first draft is based on no version of it")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(publish("default", version).getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<String> overlapping = this.api.post("/api/v1/rule-packs/everywhere/versions",
				draft(null, "a second pack for every market", files), "lan");
		assertThat(overlapping.getStatus()).isEqualTo(HttpStatus.CREATED);
		EntityExchangeResult<String> refused = publish("everywhere", 1);
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(body(refused).get("detail").asString()).contains("'*'", "default");
		assertThat(this.api.get("/api/v1/rule-packs/default/versions/99", "lan").getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.api.post("/api/v1/rule-packs/default/versions", draft(1, "x", files), "admin").getStatus())
			.as("analysts write drafts")
			.isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aNewPackForOneMarketIsPublishedAndScoresThatMarketOnly() throws Exception {
		ArrayNode files = files(body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")));
		edit(files, "pack.properties", (properties) -> "id = th\nmarkets = TH\ndescription = Thailand\n");
		assertThat(this.api.post("/api/v1/rule-packs/Not_A_Pack/versions", draft(null, "x", files), "lan").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		EntityExchangeResult<String> created = this.api.post("/api/v1/rule-packs/th/versions",
				draft(null, "Thailand", files), "lan");
		assertThat(created.getStatus()).as(created.getResponseBody()).isEqualTo(HttpStatus.CREATED);
		assertThat(body(created).get("version").asInt()).isEqualTo(1);
		assertThat(publish("th", 1).getStatus()).isEqualTo(HttpStatus.OK);

		ObjectNode thai = (ObjectNode) json.readTree(telegramSession());
		thai.put("market", "TH");
		assertThat(scoreCard(json.writeValueAsString(thai)).get("rulePack").get("id").asString()).isEqualTo("th");
		assertThat(scoreCard(telegramSession()).get("rulePack").get("id").asString()).isEqualTo("default");
		assertThat(body(this.api.get("/api/v1/rule-packs", "lan"))).extracting((p) -> p.get("packId").asString())
			.contains("default", "th");
	}

	@Test
	void aVersionPublishedByAnotherNodeIsPickedUpByTheRefresh() {
		// another node published: only the database knows
		ArrayNode files = files(body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")));
		int version = body(this.api.post("/api/v1/rule-packs/default/versions", draft(1, "elsewhere", files), "lan"))
			.get("version")
			.asInt();
		int before = this.engine.registry().active("default").orElseThrow().ref().version();
		this.jdbc.sql("update rule_pack set active_version = ? where pack_id = 'default'").param(version).update();
		this.lifecycle.refresh();
		assertThat(this.engine.registry().active("default").orElseThrow().ref().version()).isEqualTo(version)
			.isNotEqualTo(before);
		this.jdbc.sql("update rule_pack set active_version = ? where pack_id = 'default'").param(before).update();
		this.lifecycle.refresh();
		assertThat(this.engine.registry().active("default").orElseThrow().ref().version()).isEqualTo(before);
	}

	@Test
	void anAdminPublishesExactlyTheContentReviewedAndAProposedDraftIsFrozen() {
		ArrayNode files = files(body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")));
		int version = body(this.api.post("/api/v1/rule-packs/default/versions", draft(1, "to review", files), "lan"))
			.get("version")
			.asInt();
		String reviewed = body(this.api.get("/api/v1/rule-packs/default/versions/" + version, "admin"))
			.get("contentHash")
			.asString();
		assertThat(reviewed).matches("sha256:[0-9a-f]{64}");
		int active = activeVersion();

		// a draft is not published before it is proposed, nor without the hash reviewed
		EntityExchangeResult<String> unproposed = this.api
			.post("/api/v1/rule-packs/default/versions/" + version + "/publish", approval(reviewed), "admin");
		assertThat(unproposed.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(body(unproposed).get("detail").asString()).contains("proposes it first");
		assertThat(
				this.api.post("/api/v1/rule-packs/default/versions/" + version + "/publish", "", "admin").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);

		// the admin reviewed it as it was; the analyst changes it before proposing: the
		// old hash is stale
		edit(files, "keywords/off-platform.txt", (list) -> list + "line\n");
		assertThat(this.api.put("/api/v1/rule-packs/default/versions/" + version, draft(1, "to review", files), "lan")
			.getStatus()).isEqualTo(HttpStatus.OK);
		String proposed = propose("default", version);
		assertThat(proposed).isNotEqualTo(reviewed);
		EntityExchangeResult<String> stale = this.api
			.post("/api/v1/rule-packs/default/versions/" + version + "/publish", approval(reviewed), "admin");
		assertThat(stale.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(body(stale).get("detail").asString()).contains("not the content you reviewed");
		assertThat(body(stale).get("contentHash").asString()).isEqualTo(proposed);
		assertThat(activeVersion()).as("nothing changed").isEqualTo(active);
		assertThat(body(this.api.get("/api/v1/rule-packs/default/versions/" + version, "lan")).get("status").asString())
			.isEqualTo("PROPOSED");

		// proposed, it is frozen: edits and a second proposal are refused
		EntityExchangeResult<String> frozen = this.api.put("/api/v1/rule-packs/default/versions/" + version,
				draft(1, "sneaky", files), "lan");
		assertThat(frozen.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(body(frozen).get("detail").asString()).contains("frozen");
		assertThat(this.api.post("/api/v1/rule-packs/default/versions/" + version + "/propose", "", "lan").getStatus())
			.isEqualTo(HttpStatus.CONFLICT);

		// rejected back to draft it can be edited again, and proposed again under a new
		// hash
		EntityExchangeResult<String> rejected = this.api
			.post("/api/v1/rule-packs/default/versions/" + version + "/reject", "", "admin");
		assertThat(rejected.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(rejected).get("status").asString()).isEqualTo("DRAFT");
		edit(files, "keywords/off-platform.txt", (list) -> list + "kakao\n");
		assertThat(this.api.put("/api/v1/rule-packs/default/versions/" + version, draft(1, "to review", files), "lan")
			.getStatus()).isEqualTo(HttpStatus.OK);
		String again = propose("default", version);
		assertThat(this.api
			.post("/api/v1/rule-packs/default/versions/" + version + "/publish", approval(proposed), "admin")
			.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(activeVersion()).isEqualTo(active);

		// the hash reviewed now is published
		EntityExchangeResult<String> published = this.api
			.post("/api/v1/rule-packs/default/versions/" + version + "/publish", approval(again), "admin");
		assertThat(published.getStatus()).as(published.getResponseBody()).isEqualTo(HttpStatus.OK);
		assertThat(body(published).get("contentHash").asString()).isEqualTo(again);
		assertThat(activeVersion()).isEqualTo(version);
		assertThat(this.engine.registry().active("default").orElseThrow().ref().version()).isEqualTo(version);
		assertThat(
				this.api.post("/api/v1/rule-packs/default/versions/" + active + "/rollback", "", "admin").getStatus())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void aVersionWhoseScriptedLiveFailsIsNotPublished() {
		// the STOP level raised to 4 strikes: the default pack's ladder case expects a
		// STOP at the third
		ArrayNode files = files(body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")));
		edit(files, "settings.properties",
				(settings) -> settings.replace("live.level.STOP = 3", "live.level.STOP = 4"));
		int version = body(this.api.post("/api/v1/rule-packs/default/versions", draft(1, "stop at 4", files), "lan"))
			.get("version")
			.asInt();
		int active = activeVersion();
		String hash = propose("default", version);

		EntityExchangeResult<String> refused = this.api
			.post("/api/v1/rule-packs/default/versions/" + version + "/publish", approval(hash), "admin");

		assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode problem = body(refused);
		assertThat(problem.get("title").asString()).isEqualTo("Test cases failed");
		assertThat(problem.get("detail").asString())
			.startsWith("rule pack 'default' v" + version + " is not published: ")
			.contains("(tests/live-ladder.json): action 3 is WARN OFF_PLATFORM_REDIRECT (MODERATE, 3 strikes,");
		assertThat(problem.get("failed")).extracting((failed) -> failed.get("path").asString())
			.contains("tests/live-ladder.json")
			.allMatch((path) -> path.startsWith("tests/live-"));
		assertThat(activeVersion()).as("nothing changed").isEqualTo(active);
		assertThat(body(this.api.get("/api/v1/rule-packs/default/versions/" + version, "lan")).get("status").asString())
			.isEqualTo("PROPOSED");
	}

	private int activeVersion() {
		return body(this.api.get("/api/v1/rule-packs", "lan")).get(0).get("activeVersion").asInt();
	}

	/**
	 * Proposes a draft as its author and returns its content hash, as the admin then
	 * reviews it.
	 */
	private String propose(String packId, int version) {
		EntityExchangeResult<String> proposed = this.api
			.post("/api/v1/rule-packs/" + packId + "/versions/" + version + "/propose", "", "lan");
		assertThat(proposed.getStatus()).as(proposed.getResponseBody()).isEqualTo(HttpStatus.OK);
		assertThat(body(proposed).get("status").asString()).isEqualTo("PROPOSED");
		return body(this.api.get("/api/v1/rule-packs/" + packId + "/versions/" + version, "admin")).get("contentHash")
			.asString();
	}

	/** Proposes a draft and publishes the content proposed, as an admin. */
	private EntityExchangeResult<String> publish(String packId, int version) {
		String hash = propose(packId, version);
		return this.api.post("/api/v1/rule-packs/" + packId + "/versions/" + version + "/publish", approval(hash),
				"admin");
	}

	private static String approval(String contentHash) {
		return "{\"contentHash\": \"" + contentHash + "\"}";
	}

	private long versionsOf(String packId) {
		return this.jdbc.sql("select count(*) from rule_pack_version where pack_id = ?")
			.param(packId)
			.query(Long.class)
			.single();
	}

	private JsonNode scoreCard(String session) {
		EntityExchangeResult<String> result = this.api.post("/api/v1/sessions", session, "admin");
		assertThat(result.getStatus()).isEqualTo(HttpStatus.CREATED);
		return body(result);
	}

	/** The clean example as a new session whose host asks buyers to message on Signal. */
	private static String telegramSession() {
		ObjectNode session = (ObjectNode) json.readTree(example("clean-session.json"));
		session.put("sessionId", "rp-" + sessions.incrementAndGet());
		session.put("sellerId", "shop-telegram");
		((ObjectNode) session.get("signals").get(1)).put("text", "Muốn giá tốt thì nhắn signal cho shop nhé");
		return json.writeValueAsString(session);
	}

	private static ArrayNode files(JsonNode version) {
		return (ArrayNode) version.get("files").deepCopy();
	}

	private static void edit(ArrayNode files, String path, java.util.function.UnaryOperator<String> change) {
		for (JsonNode file : files) {
			if (file.get("path").asString().equals(path)) {
				((ObjectNode) file).put("content", change.apply(file.get("content").asString()));
				return;
			}
		}
		throw new IllegalArgumentException("no file " + path);
	}

	private static String draft(Integer basedOn, String note, ArrayNode files) {
		ObjectNode draft = json.createObjectNode();
		if (basedOn != null) {
			draft.put("basedOn", basedOn);
		}
		draft.put("note", note);
		draft.set("files", files);
		return json.writeValueAsString(draft);
	}

	private static String example(String name) {
		try (InputStream in = RulePackLifecycleIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
