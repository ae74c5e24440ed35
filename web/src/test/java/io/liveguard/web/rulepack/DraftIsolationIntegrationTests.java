package io.liveguard.web.rulepack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drafts that would burn the server are stopped in their child JVM, and the server keeps answering.
 * What runs away here is what the sandbox of December 2026 lets through: a regular expression that
 * backtracks for hours on 40 characters (Java's matcher memoizes {@code (a+)+b}, not {@code (.*a){12}b}),
 * in a condition evaluated when a fact is inserted, where no halt reaches, and a join of
 * four patterns over a few hundred facts (tens of millions of partial matches). Both are in the test
 * cases' sessions, not in the rules alone, so the drafts compile and are saved; running their tests
 * is what is stopped, and the answer names the test case.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + DraftIsolationIntegrationTests.PASSWORD,
				"liveguard.draft-check.time-limit=PT25S" })
@AutoConfigureRestTestClient
class DraftIsolationIntegrationTests {

	static final String PASSWORD = "draft-isolation-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

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
	void aTestCaseThatNeverEndsIsStoppedAtTheTimeLimitWhileTheServerKeepsAnswering() throws Exception {
		int version = draft("catastrophic pattern", """

				rule "a seller id of a's and then b"
				when
				    SessionSummary( sellerId matches "(.*a){12}b" )
				then
				end
				""");
		ObjectNode session = session("rx-1");
		session.put("sellerId", "a".repeat(40));
		String cases = cases("forty a's", session);

		Instant started = Instant.now();
		CompletableFuture<EntityExchangeResult<String>> tested = CompletableFuture
			.supplyAsync(() -> post("/api/v1/rule-packs/default/versions/" + version + "/test", cases, "lan"));
		Duration slowest = Duration.ZERO;
		int answered = 0;
		while (!tested.isDone()) {
			Instant asked = Instant.now();
			assertThat(get("/api/v1/rule-packs", "lan").getStatus()).isEqualTo(HttpStatus.OK);
			Duration took = Duration.between(asked, Instant.now());
			slowest = (took.compareTo(slowest) > 0) ? took : slowest;
			answered++;
			// a probe every half second, not a busy loop of password hashes on a shared machine
			Thread.sleep(500);
		}
		EntityExchangeResult<String> stopped = tested.join();
		Duration took = Duration.between(started, Instant.now());

		assertThat(stopped.getStatus()).as(stopped.getResponseBody()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode problem = body(stopped);
		assertThat(problem.get("title").asString()).isEqualTo("Draft check stopped");
		assertThat(problem.get("stopped").asString()).isEqualTo("test case 'forty a's' (cases[0])");
		assertThat(problem.get("detail").asString()).contains("'forty a's'", "ran longer than 25 s", "stopped");
		assertThat(took).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(45));
		assertThat(answered).as("the server answered meanwhile").isPositive();
		assertThat(slowest).as("and promptly").isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aTestCaseThatAllocatesWithoutBoundIsStoppedAtTheHeapLimit() {
		int version = draft("four-way join", """

				rule "every four flags"
				when
				    Flag()
				    Flag()
				    Flag()
				    Flag()
				then
				end
				""");
		ObjectNode session = session("join-1");
		ArrayNode signals = (ArrayNode) session.get("signals");
		Instant at = Instant.parse(session.get("startedAt").asString());
		for (int i = 0; i < 300; i++) {
			ObjectNode flag = signals.addObject();
			flag.put("at", at.plusSeconds(60 + i).toString());
			flag.put("type", "MODERATION_FLAG");
			flag.put("code", "FAKE_ENGAGEMENT");
			flag.put("confidence", 0.1);
		}

		EntityExchangeResult<String> stopped = post("/api/v1/rule-packs/default/versions/" + version + "/test",
				cases("three hundred flags", session), "lan");

		assertThat(stopped.getStatus()).as(stopped.getResponseBody()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode problem = body(stopped);
		assertThat(problem.get("stopped").asString()).isEqualTo("test case 'three hundred flags' (cases[0])");
		assertThat(problem.get("detail").asString()).contains("ran out of memory (256 MB)");
		assertThat(get("/api/v1/rule-packs", "lan").getStatus()).isEqualTo(HttpStatus.OK);
	}

	/** A draft of the default pack with {@code rule} added to conduct.drl; its own test cases still pass. */
	private int draft(String note, String rule) {
		ArrayNode files = (ArrayNode) body(get("/api/v1/rule-packs/default/versions/1", "lan")).get("files").deepCopy();
		edit(files, "rules/conduct.drl", (drl) -> drl + rule);
		ObjectNode draft = json.createObjectNode();
		draft.put("basedOn", 1);
		draft.put("note", note);
		draft.set("files", files);
		EntityExchangeResult<String> created = post("/api/v1/rule-packs/default/versions",
				json.writeValueAsString(draft), "lan");
		assertThat(created.getStatus()).as(created.getResponseBody()).isEqualTo(HttpStatus.CREATED);
		return body(created).get("version").asInt();
	}

	private static ObjectNode session(String id) {
		ObjectNode session = (ObjectNode) json.readTree(example("clean-session.json"));
		session.put("sessionId", id);
		return session;
	}

	private static String cases(String name, ObjectNode session) {
		ObjectNode testCase = json.createObjectNode();
		testCase.put("name", name);
		testCase.set("session", session);
		testCase.set("expect", json.createObjectNode());
		return "{\"cases\": [" + json.writeValueAsString(testCase) + "]}";
	}

	private static void edit(ArrayNode files, String path, UnaryOperator<String> change) {
		for (JsonNode file : files) {
			if (file.get("path").asString().equals(path)) {
				((ObjectNode) file).put("content", change.apply(file.get("content").asString()));
				return;
			}
		}
		throw new IllegalArgumentException("no file " + path);
	}

	private EntityExchangeResult<String> post(String uri, String body, String username) {
		return this.client.post().uri(uri).headers(basic(username)).contentType(MediaType.APPLICATION_JSON).body(body)
			.exchange().returnResult(String.class);
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
		try (InputStream in = DraftIsolationIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
