package io.liveguard.batch.penalty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.Tables;
import io.liveguard.batch.StoredSessions;
import io.liveguard.batch.job.JobNotFound;
import io.liveguard.batch.job.JobNotRestartable;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@SpringBootTest(classes = BatchTestApplication.class)
class PenaltyRunJobIntegrationTests {

	private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	/** 2026-11-23 00:00 in Ho Chi Minh City. */
	private static final Instant NEXT_DAY_VN = Instant.parse("2026-11-22T17:00:00Z");

	@Autowired
	PenaltyRuns runs;

	@Autowired
	Penalties penalties;

	@Autowired
	EligibilityIndex eligibility;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScoringEngine engine;

	@BeforeEach
	void emptyTables() {
		Tables.empty(this.jdbc);
		this.eligibility.reload();
		new StoredSessions(this.jdbc, this.engine).storeExamples();
	}

	@Test
	void aFailedRunSaysWhyWhenReadBack() {
		this.jdbc.sql("alter table seller_state rename to seller_state_away").update();
		PenaltyRuns.RunStatus run;
		try {
			run = this.runs.runAndWait(RUN_DATE, "VN", "test");
		}
		finally {
			this.jdbc.sql("alter table seller_state_away rename to seller_state").update();
		}
		assertThat(run.status()).isEqualTo("FAILED");
		assertThat(run.failure()).startsWith(PenaltyRunJobConfiguration.PARTITION_STEP + ":partition")
			.containsIgnoringCase("seller_state");
		assertThat(this.runs.status(run.runId()).orElseThrow().failure()).isEqualTo(run.failure());
	}

	@Test
	void aFailedRunIsRestartedInTheBackgroundAndOnlyAFailedOne() throws Exception {
		// given: a run that failed in its partitions
		this.jdbc.sql("alter table seller_state rename to seller_state_away").update();
		PenaltyRuns.RunStatus failed;
		try {
			failed = this.runs.runAndWait(RUN_DATE, "VN", "test");
		}
		finally {
			this.jdbc.sql("alter table seller_state_away rename to seller_state").update();
		}
		assertThat(failed.status()).isEqualTo("FAILED");

		// when
		this.runs.restartInBackground(failed.runId());
		PenaltyRuns.RunStatus restarted = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.runs.status(failed.runId()).orElseThrow(),
					(status) -> status.status().equals("COMPLETED") || status.status().equals("FAILED"));

		// then: it completes as a run that never failed would, and cannot be restarted
		// again
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.sellersRead()).isEqualTo(4);
		assertThat(restarted.penaltiesDecided()).isEqualTo(2);
		assertThat(restarted.failure()).isNull();
		long runId = failed.runId();
		assertThatExceptionOfType(JobNotRestartable.class).isThrownBy(() -> this.runs.restartInBackground(runId))
			.withMessage("penalty run " + runId + " is COMPLETED; only a FAILED or STOPPED run can be restarted");
		assertThatExceptionOfType(JobNotFound.class).isThrownBy(() -> this.runs.restartInBackground(runId + 1000))
			.withMessage("runId: no penalty run " + (runId + 1000));
	}

	@Test
	void examplesEndAsTheExamplesReadmeSays() {
		// when
		PenaltyRuns.RunStatus run = this.runs.runAndWait(RUN_DATE, "VN", "test");

		// then
		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.sellersTotal()).isEqualTo(4);
		assertThat(run.sellersRead()).isEqualTo(4);
		assertThat(run.penaltiesDecided()).isEqualTo(2);
		assertThat(run.skipped()).isZero();

		assertThat(this.penalties.forSeller("shop-fake")).singleElement().satisfies((penalty) -> {
			assertThat(penalty.level()).isEqualTo(PenaltyLevel.PERMANENT);
			assertThat(penalty.startsAt()).isEqualTo(NEXT_DAY_VN);
			assertThat(penalty.endsAt()).isNull();
			assertThat(penalty.decidedByRun()).isEqualTo(run.runId());
			assertThat(penalty.reasons()).extracting("code")
				.containsExactlyInAnyOrder("PROHIBITED_PRODUCT", "FALSE_ORIGIN", "OFF_PLATFORM_REDIRECT");
		});
		assertThat(this.penalties.forSeller("shop-miracle")).singleElement().satisfies((penalty) -> {
			assertThat(penalty.level()).isEqualTo(PenaltyLevel.BAN_30D);
			assertThat(penalty.startsAt()).isEqualTo(NEXT_DAY_VN);
			assertThat(penalty.endsAt()).isEqualTo(Instant.parse("2026-12-22T17:00:00Z"));
			assertThat(penalty.reasons()).extracting("points").containsOnly(6);
		});
		assertThat(activePoints("shop-miracle")).isEqualTo(12);
		assertThat(this.penalties.forSeller("shop-lazy")).isEmpty();
		assertThat(activePoints("shop-lazy")).isEqualTo(4);
		assertThat(warningCodes("shop-lazy")).containsExactly("NEAR_THRESHOLD");
		assertThat(this.penalties.forSeller("shop-honest")).isEmpty();
		assertThat(warningCodes("shop-honest")).isEmpty();
		assertThat(activePoints("shop-honest")).isZero();
	}

	@Test
	void eligibilityFollowsTheRunFromMidnightMarketTime() {
		this.runs.runAndWait(RUN_DATE, "VN", "test");

		assertThat(this.eligibility.blocking("shop-miracle", NEXT_DAY_VN.minusSeconds(1))).isEmpty();
		assertThat(this.eligibility.blocking("shop-miracle", NEXT_DAY_VN)).map(Penalty::level)
			.contains(PenaltyLevel.BAN_30D);
		assertThat(this.eligibility.blocking("shop-miracle", Instant.parse("2026-12-22T17:00:00Z"))).isEmpty();
		assertThat(this.eligibility.blocking("shop-fake", Instant.parse("2030-01-01T00:00:00Z"))).map(Penalty::level)
			.contains(PenaltyLevel.PERMANENT);
		assertThat(this.eligibility.blocking("shop-honest", NEXT_DAY_VN)).isEmpty();
	}

	@Test
	void runningTheSameDateAgainDecidesNothingNew() {
		this.runs.runAndWait(RUN_DATE, "VN", "test");

		PenaltyRuns.RunStatus again = this.runs.runAndWait(RUN_DATE, "VN", "test");

		assertThat(again.status()).isEqualTo("COMPLETED");
		assertThat(again.penaltiesDecided()).isZero();
		assertThat(this.penalties.forSeller("shop-miracle")).hasSize(1);
		assertThat(this.penalties.forSeller("shop-fake")).hasSize(1);
	}

	@Test
	void recentRunsComeNewestFirstWithTheirCounts() {
		PenaltyRuns.RunStatus first = this.runs.runAndWait(RUN_DATE, "VN", "test");
		PenaltyRuns.RunStatus second = this.runs.runAndWait(RUN_DATE.plusDays(1), null, "test");

		assertThat(this.runs.recent(10)).extracting(PenaltyRuns.RunStatus::runId)
			.containsExactly(second.runId(), first.runId());
		assertThat(this.runs.recent(1)).singleElement().satisfies((run) -> {
			assertThat(run.market()).isEqualTo(PenaltyRuns.ALL_MARKETS);
			assertThat(run.status()).isEqualTo("COMPLETED");
		});
		assertThat(this.runs.recent(10).get(1).penaltiesDecided()).isEqualTo(2);
	}

	@Test
	void everyRunKeepsItsWarningsAndTheStandingShowsTheLatest() {
		PenaltyRuns.RunStatus first = this.runs.runAndWait(RUN_DATE, "VN", "test");
		PenaltyRuns.RunStatus second = this.runs.runAndWait(RUN_DATE.plusDays(1), "VN", "test");

		assertThat(this.jdbc.sql("select run_id from seller_warning where seller_id = 'shop-lazy' order by run_id")
			.query(Long.class)
			.list()).containsExactly(first.runId(), second.runId());
		assertThat(warningCodes("shop-lazy")).containsExactly("NEAR_THRESHOLD");
	}

	@Test
	void aSellerWithCorruptFindingsIsQuarantinedAndTheOthersAreDecided() {
		this.jdbc.sql("update finding set severity = 'APOCALYPTIC' where seller_id = 'shop-miracle'").update();

		PenaltyRuns.RunStatus run = this.runs.runAndWait(RUN_DATE, "VN", "test");

		assertThat(run.status()).isEqualTo("COMPLETED");
		assertThat(run.skipped()).isEqualTo(1);
		assertThat(this.penalties.forSeller("shop-miracle")).isEmpty();
		assertThat(this.penalties.forSeller("shop-fake")).hasSize(1);
		assertThat(this.jdbc.sql("select item_key || ': ' || reason from quarantine where run_id = ?")
			.param(run.runId())
			.query(String.class)
			.list()).singleElement().asString().contains("shop-miracle", "APOCALYPTIC");
	}

	private int activePoints(String sellerId) {
		return this.jdbc.sql("select active_points from seller_state where seller_id = ?")
			.param(sellerId)
			.query(Integer.class)
			.single();
	}

	private List<String> warningCodes(String sellerId) {
		return this.jdbc.sql("""
				select w.code from seller_warning w join seller_state s on s.seller_id = w.seller_id
				where w.seller_id = ? and w.run_id = s.last_run_id order by w.seq
				""").param(sellerId).query(String.class).list();
	}

}
