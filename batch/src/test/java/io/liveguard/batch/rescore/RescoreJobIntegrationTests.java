package io.liveguard.batch.rescore;

import java.time.LocalDate;
import java.util.List;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.StoredSessions;
import io.liveguard.batch.Tables;
import io.liveguard.batch.job.InvalidJobRequest;
import io.liveguard.batch.job.JobNotRestartable;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = BatchTestApplication.class)
class RescoreJobIntegrationTests {

	private static final LocalDate FROM = LocalDate.of(2026, 1, 1);

	private static final LocalDate TO = LocalDate.of(2026, 12, 31);

	@Autowired
	SessionRescores rescores;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScoringEngine engine;

	private CompiledPack version1;

	@BeforeEach
	void storeExamplesScoredByVersion1() {
		this.version1 = this.engine.registry().active("default").orElseThrow();
		Tables.empty(this.jdbc);
		new StoredSessions(this.jdbc, this.engine).storeExamples();
	}

	@AfterEach
	void reactivateVersion1() {
		this.engine.registry().activate(this.version1);
	}

	@Test
	void sessionsScoredByAnOlderVersionGetNewCardsFromTheActiveOneOnlyOnce() {
		// given: version 2 of the pack, without the product rules, is active
		RulePackSource source = this.version1.source();
		List<io.liveguard.engine.rulepack.PackFile> files = source.files()
			.stream()
			.filter((file) -> !file.path().equals("rules/products.drl") && !file.path().startsWith("tests/"))
			.toList();
		this.engine.registry().activate(this.engine.compiler().compile(new RulePackSource("default", 2, files)));
		assertThat(codesOf("ex-fake-001")).contains("PROHIBITED_PRODUCT");

		// when
		SessionRescores.RescoreStatus first = this.rescores.runAndWait(FROM, TO, null, "test");
		SessionRescores.RescoreStatus second = this.rescores.runAndWait(FROM, TO, null, "test");

		// then: every session has a current card from version 2, the old ones kept as
		// history
		assertThat(first.status()).isEqualTo("COMPLETED");
		assertThat(first.sellersTotal()).isEqualTo(first.sellersDone()).isEqualTo(4);
		assertThat(first.sessions()).isEqualTo(4);
		assertThat(first.rescored()).isEqualTo(4);
		assertThat(first.changed()).isPositive();
		assertThat(first.progress()).isEqualTo(1.0);
		assertThat(this.jdbc.sql("select distinct pack_version from score_card where is_current = true")
			.query(Integer.class)
			.list()).containsExactly(2);
		assertThat(
				this.jdbc.sql("select count(*) from score_card where is_current = false").query(Integer.class).single())
			.isEqualTo(4);
		assertThat(codesOf("ex-fake-001")).doesNotContain("PROHIBITED_PRODUCT");
		assertThat(this.jdbc
			.sql("""
					select count(*) from live_session s join score_card c on c.session_id = s.session_id and c.is_current = true
					where s.violation_points <> c.violation_points or s.content_score <> c.content_score
					""")
			.query(Integer.class)
			.single()).isZero();
		// and a second re-score with the same version finds nothing to do
		assertThat(second.status()).isEqualTo("COMPLETED");
		assertThat(second.sessions()).isEqualTo(4);
		assertThat(second.rescored()).isZero();
		assertThatExceptionOfType(JobNotRestartable.class)
			.isThrownBy(() -> this.rescores.restartInBackground(second.rescoreId()))
			.withMessage(
					"re-score " + second.rescoreId() + " is COMPLETED; only a FAILED or STOPPED one can be restarted");
	}

	@Test
	void aReversedOrTooLongRangeIsRefusedBeforeAnythingIsRecorded() {
		int before = this.jdbc.sql("select count(*) from session_rescore").query(Integer.class).single();
		assertThatExceptionOfType(InvalidJobRequest.class).isThrownBy(() -> this.rescores.start(TO, FROM, null, "test"))
			.withMessageContaining("before");
		assertThatExceptionOfType(InvalidJobRequest.class)
			.isThrownBy(() -> this.rescores.start(FROM, FROM.plusDays(SessionRescores.MAX_DAYS), null, "test"))
			.withMessageContaining("at most");
		assertThat(this.jdbc.sql("select count(*) from session_rescore").query(Integer.class).single())
			.isEqualTo(before);
	}

	private List<String> codesOf(String sessionId) {
		return this.jdbc.sql("""
				select f.code from finding f join score_card c on c.id = f.score_card_id
				where c.session_id = ? and c.is_current = true
				""").param(sessionId).query(String.class).list();
	}

}
