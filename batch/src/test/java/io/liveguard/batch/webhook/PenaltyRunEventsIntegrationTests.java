package io.liveguard.batch.webhook;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.StoredSessions;
import io.liveguard.batch.Tables;
import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.engine.ScoringEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The penalty run's decisions reach the outbox in the chunk's transaction (events.md,
 * "Delivery"): one event per decision with its subscribed ACTIVE endpoints, whose
 * messages a dispatcher makes later (there is none in this module: the test fans out),
 * and nothing for a decision that rolled back.
 */
@SpringBootTest(classes = BatchTestApplication.class)
class PenaltyRunEventsIntegrationTests {

	private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	PenaltyRuns runs;

	@Autowired
	EligibilityIndex eligibility;

	@Autowired
	WebhookOutbox outbox;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScoringEngine engine;

	@Autowired
	TransactionTemplate transactions;

	@BeforeEach
	void emptyTables() {
		Tables.empty(this.jdbc);
		this.eligibility.reload();
		new StoredSessions(this.jdbc, this.engine).storeExamples();
		endpoint("ep-all", "*", "ACTIVE");
		endpoint("ep-warnings", "warning.issued", "ACTIVE");
		endpoint("ep-disabled", "*", "DISABLED");
	}

	@Test
	void everyDecisionOfARunIsAMessageForEachSubscribedActiveEndpoint() {
		// when
		PenaltyRuns.RunStatus run = this.runs.runAndWait(RUN_DATE, "VN", "test");

		// then: the events wait, rows of webhook_fanout, for their event and message rows
		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(count("webhook_message")).isZero();
		assertThat(count("webhook_event")).isZero();
		assertThat(sum("event_count")).isEqualTo(3);
		assertThat(sum("messages")).isEqualTo(4);
		// a fan-out takes whole rows, at least one: then the rest, four messages in all
		int first = fanOut(1);
		int rest = fanOut(10_000);
		assertThat(first).isPositive();
		assertThat(first + rest).isEqualTo(4);
		assertThat(fanOut(10_000)).isZero();
		assertThat(count("webhook_fanout")).isZero();
		assertThat(count("webhook_event")).isEqualTo(3);
		assertThat(types("ep-all")).containsExactlyInAnyOrder("penalty.decided", "penalty.decided", "warning.issued");
		assertThat(types("ep-warnings")).containsExactly("warning.issued");
		assertThat(types("ep-disabled")).isEmpty();
		JsonNode miracle = bodies("ep-all").stream()
			.filter((body) -> body.get("type").asString().equals("penalty.decided")
					&& body.get("data").get("sellerId").asString().equals("shop-miracle"))
			.findFirst()
			.orElseThrow();
		assertThat(miracle.get("timestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
		JsonNode data = miracle.get("data");
		assertThat(data.get("market").asString()).isEqualTo("VN");
		assertThat(data.get("level").asString()).isEqualTo("BAN_30D");
		assertThat(data.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(data.get("startsAt").asString()).isEqualTo("2026-11-22T17:00:00Z");
		assertThat(data.get("decidedBy").get("run").asLong()).isEqualTo(run.runId());
		assertThat(data.get("decidedBy").get("date").asString()).isEqualTo("2026-11-22");
		assertThat(data.get("reasons")).isNotEmpty();
		assertThat(data.get("reasons").get(0).propertyNames()).containsExactlyInAnyOrder("sessionId", "code", "points");
		JsonNode warning = bodies("ep-warnings").get(0).get("data");
		assertThat(warning.get("sellerId").asString()).isEqualTo("shop-lazy");
		assertThat(warning.get("businessDate").asString()).isEqualTo("2026-11-22");
		assertThat(warning.get("warnings").get(0).get("code").asString()).isEqualTo("NEAR_THRESHOLD");
	}

	@Test
	void anEndpointDeletedBeforeTheFanOutGetsNoMessage() {
		// given: a run whose events wait for their messages
		this.runs.runAndWait(RUN_DATE, "VN", "test");

		// when: the endpoint for warnings is deleted before they are made
		this.jdbc.sql("delete from webhook_endpoint where endpoint_id = 'ep-warnings'").update();
		fanOut(100);

		// then: its event goes to the other endpoint only
		assertThat(types("ep-all")).hasSize(3);
		assertThat(types("ep-warnings")).isEmpty();
		assertThat(count("webhook_message")).isEqualTo(3);
		assertThat(count("webhook_fanout")).isZero();
	}

	@Test
	void aRunWhoseChunksRollBackRecordsNothing() {
		// given: every chunk fails on its last write
		this.jdbc.sql("alter table seller_state rename to seller_state_away").update();
		PenaltyRuns.RunStatus run;
		try {
			run = this.runs.runAndWait(RUN_DATE, "VN", "test");
		}
		finally {
			this.jdbc.sql("alter table seller_state_away rename to seller_state").update();
		}

		// then
		assertThat(run.status()).isEqualTo("FAILED");
		assertThat(count("webhook_message")).isZero();
		assertThat(count("webhook_event")).isZero();
		assertThat(count("webhook_fanout")).isZero();
	}

	@Test
	void aDecisionThatRollsBackLeavesNoMessageAndOneThatCommitsOne() {
		// when
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.outbox.record("appeal.decided", Map.of("appealId", "a-1"));
			throw new IllegalStateException("the decision fails after its event was recorded");
		}));
		this.transactions
			.executeWithoutResult((status) -> this.outbox.record("appeal.decided", Map.of("appealId", "a-2")));

		// then
		assertThat(bodies("ep-all")).singleElement()
			.satisfies((body) -> assertThat(body.get("data").get("appealId").asString()).isEqualTo("a-2"));
	}

	private void endpoint(String id, String events, String status) {
		OffsetDateTime now = OffsetDateTime.now();
		this.jdbc.sql("""
				insert into webhook_endpoint (endpoint_id, url, events, description, status, secret, created_by,
				                              created_at, updated_at)
				values (?, 'http://127.0.0.1:1/hook', ?, '', ?, 'not-used-here', 'test', ?, ?)
				""").params(id, events, status, now, now).update();
	}

	private int fanOut(int events) {
		Integer made = this.transactions.execute((status) -> this.outbox.fanOut(events));
		return (made != null) ? made : 0;
	}

	private int sum(String column) {
		return this.jdbc.sql("select coalesce(sum(" + column + "), 0) from webhook_fanout")
			.query(Integer.class)
			.single();
	}

	private int count(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	private List<String> types(String endpointId) {
		return this.jdbc.sql("select event_type from webhook_message where endpoint_id = ? order by seq")
			.param(endpointId)
			.query(String.class)
			.list();
	}

	private List<JsonNode> bodies(String endpointId) {
		return this.jdbc.sql("""
				select e.body from webhook_message m join webhook_event e on e.event_id = m.event_id
				where m.endpoint_id = ? order by m.seq
				""").param(endpointId).query(String.class).list().stream().map(json::readTree).toList();
	}

}
