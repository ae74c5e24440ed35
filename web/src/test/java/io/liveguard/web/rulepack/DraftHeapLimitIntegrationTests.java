package io.liveguard.web.rulepack;

import java.time.Instant;

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
 * A draft's test case that allocates without bound is stopped in its child JVM at the
 * heap limit, and the server keeps answering: a join of four patterns over a few hundred
 * facts (tens of millions of partial matches) compiles and is saved; running its test
 * case is what runs out of memory, and the answer names the test case. The child compiles
 * the whole default pack before it runs the case, so this test keeps the tests' wide time
 * limit (config/application.properties), not {@link DraftIsolationIntegrationTests}'
 * short one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + DraftHeapLimitIntegrationTests.PASSWORD)
@AutoConfigureRestTestClient
class DraftHeapLimitIntegrationTests {

	static final String PASSWORD = "draft-heap-limit-password";

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

		EntityExchangeResult<String> stopped = this.api.post("/api/v1/rule-packs/default/versions/" + version + "/test",
				cases("three hundred flags", session), "lan");

		assertThat(stopped.getStatus()).as(stopped.getResponseBody()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		JsonNode problem = body(stopped);
		assertThat(problem.get("stopped").asString()).isEqualTo("test case 'three hundred flags' (cases[0])");
		assertThat(problem.get("detail").asString()).contains("ran out of memory (256 MB)");
		assertThat(this.api.get("/api/v1/rule-packs", "lan").getStatus()).isEqualTo(HttpStatus.OK);
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

}
