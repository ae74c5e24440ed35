package io.liveguard.web.rulepack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

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
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.liveguard.web.rulepack.PackApi.body;
import static io.liveguard.web.rulepack.PackApi.edit;
import static io.liveguard.web.rulepack.PackApi.example;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drafts that would burn the server are stopped in their child JVM, and the server keeps
 * answering. What runs away here is what the sandbox lets through, since it admits no
 * loops, functions or regular expressions: a draft so large that compiling it takes a
 * minute (stopped at the time limit, the answer naming "compiling", nothing stored). The
 * heap limit is {@link DraftHeapLimitIntegrationTests}'s, with the tests' wider time
 * limit.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + DraftIsolationIntegrationTests.PASSWORD,
				"liveguard.draft-check.time-limit=PT10S" })
@AutoConfigureRestTestClient
class DraftIsolationIntegrationTests {

	static final String PASSWORD = "draft-isolation-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	private PackApi api;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

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
	void aDraftThatCompilesForTooLongIsStoppedAtTheTimeLimitWhileTheServerKeepsAnswering() throws Exception {
		// ten thousand small rules, 1.8 MB of DRL (within the 4 MiB a body may have):
		// about a minute
		// of compiling for a child on one core, every rule of it allowed by the sandbox
		StringBuilder rules = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			rules
				.append("""

						rule "flag %d"
						when
						    $f : Flag( confidence > %d.5 )
						    KeywordHit( list.length() > %d )
						then
						    insertLogical( new Detection("VULGAR_CONTENT", kcontext.getRule().getName(), $f.getEvidence()) );
						end
						"""
					.formatted(i, i, i));
		}
		String draft = draftBody("ten thousand rules", rules.toString());
		long versions = versions();

		Instant started = Instant.now();
		CompletableFuture<EntityExchangeResult<String>> tested = CompletableFuture
			.supplyAsync(() -> this.api.post("/api/v1/rule-packs/default/versions", draft, "lan"));
		Duration slowest = Duration.ZERO;
		int answered = 0;
		while (!tested.isDone()) {
			Instant asked = Instant.now();
			assertThat(this.api.get("/api/v1/rule-packs", "lan").getStatus()).isEqualTo(HttpStatus.OK);
			Duration took = Duration.between(asked, Instant.now());
			slowest = (took.compareTo(slowest) > 0) ? took : slowest;
			answered++;
			// a probe every half second, not a busy loop of password hashes on a shared
			// machine
			Thread.sleep(500);
		}
		EntityExchangeResult<String> stopped = tested.join();
		Duration took = Duration.between(started, Instant.now());

		assertThat(stopped.getStatus()).as(stopped.getResponseBody()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode problem = body(stopped);
		assertThat(problem.get("title").asString()).isEqualTo("Draft check stopped");
		assertThat(problem.get("stopped").asString()).isEqualTo("compiling");
		assertThat(problem.get("detail").asString()).contains("compiling", "ran longer than 10 s", "stopped");
		assertThat(took).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(30));
		assertThat(versions()).as("nothing stored").isEqualTo(versions);
		assertThat(answered).as("the server answered meanwhile").isPositive();
		assertThat(slowest).as("and promptly").isLessThan(Duration.ofSeconds(5));
	}

	/**
	 * A draft of the default pack with {@code rule} added to conduct.drl; its own test
	 * cases still pass.
	 */
	private int draft(String note, String rule) {
		EntityExchangeResult<String> created = this.api.post("/api/v1/rule-packs/default/versions",
				draftBody(note, rule), "lan");
		assertThat(created.getStatus()).as(created.getResponseBody()).isEqualTo(HttpStatus.CREATED);
		return body(created).get("version").asInt();
	}

	private long versions() {
		return this.jdbc.sql("select count(*) from rule_pack_version").query(Long.class).single();
	}

	private String draftBody(String note, String rule) {
		ArrayNode files = (ArrayNode) body(this.api.get("/api/v1/rule-packs/default/versions/1", "lan")).get("files")
			.deepCopy();
		edit(files, "rules/conduct.drl", (drl) -> drl + rule);
		ObjectNode draft = json.createObjectNode();
		draft.put("basedOn", 1);
		draft.put("note", note);
		draft.set("files", files);
		return json.writeValueAsString(draft);
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
