package io.liveguard.batch.penalty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.Tables;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One seller over eight weeks of nightly runs through the job and the database: up the
 * whole ladder, across a quarter boundary (points reset, the permanent suspension stays),
 * and back down through an overturned appeal.
 */
@SpringBootTest(classes = BatchTestApplication.class)
class LadderScenarioIntegrationTests {

	@Autowired
	PenaltyRuns runs;

	@Autowired
	Penalties penalties;

	@Autowired
	EligibilityIndex eligibility;

	@Autowired
	JdbcClient jdbc;

	private long cardIds = 5_000_000;

	@BeforeEach
	void emptyTables() {
		Tables.empty(this.jdbc);
		this.eligibility.reload();
	}

	@Test
	void aSellerClimbsTheLadderCrossesAQuarterAndComesBackDownOnAppeal() {
		session("w1", "2026-11-30", "UNVERIFIED_HOST", "SEVERE", 6);
		assertThat(runAndGetNewPenalty("2026-11-30")).isEqualTo(PenaltyLevel.BAN_3D);
		// nightly runs in between decide nothing new while the points stay in the band
		assertThat(run("2026-12-01").penaltiesDecided()).isZero();
		assertThat(run("2026-12-02").penaltiesDecided()).isZero();
		session("w2", "2026-12-07", "VULGAR_CONTENT", "MODERATE", 3);
		assertThat(runAndGetNewPenalty("2026-12-07")).isEqualTo(PenaltyLevel.BAN_7D);
		session("w3", "2026-12-14", "NO_LIVE_HOST", "MODERATE", 3);
		assertThat(runAndGetNewPenalty("2026-12-14")).isEqualTo(PenaltyLevel.BAN_30D);
		session("w4", "2026-12-21", "OFF_PLATFORM_REDIRECT", "MODERATE", 3);
		assertThat(runAndGetNewPenalty("2026-12-21")).isEqualTo(PenaltyLevel.PERMANENT);
		assertThat(state()).isEqualTo("PERMANENT 15");

		// the quarter turns: points reset, the reached level drops, the suspension stays
		assertThat(run("2027-01-01").penaltiesDecided()).isZero();
		assertThat(state()).isEqualTo("- 0");
		assertThat(this.eligibility.blocking("climber", Instant.parse("2027-03-01T00:00:00Z"))).map(Penalty::level)
			.contains(PenaltyLevel.PERMANENT);

		// an analyst overturns the week-4 finding; the next run lifts the suspension
		this.jdbc
			.sql("""
					insert into appeal (appeal_id, session_id, code, seller_id, reason, status, filed_by, filed_at, lift_now)
					values ('a1', 'w4', 'OFF_PLATFORM_REDIRECT', 'climber', 'a viewer said it', 'OVERTURNED', 'climber', ?, false)
					""")
			.param(OffsetDateTime.parse("2027-01-04T00:00:00Z"))
			.update();
		PenaltyRuns.RunStatus lifting = run("2027-01-05");
		assertThat(lifting.lifts()).isEqualTo(1);
		assertThat(this.penalties.forSeller("climber")).filteredOn((p) -> p.level() == PenaltyLevel.PERMANENT)
			.singleElement()
			.satisfies((p) -> assertThat(p.lifted()).isTrue());
		// the 30-day ban of week 3 still runs to 2027-01-14 00:00 in Ho Chi Minh City,
		// then the seller may go live
		assertThat(this.eligibility.blocking("climber", Instant.parse("2027-01-10T00:00:00Z"))).map(Penalty::level)
			.contains(PenaltyLevel.BAN_30D);
		assertThat(this.eligibility.blocking("climber", Instant.parse("2027-01-13T17:00:00Z"))).isEmpty();
		assertThat(this.penalties.forSeller("climber")).extracting(Penalty::level)
			.containsExactlyInAnyOrder(PenaltyLevel.BAN_3D, PenaltyLevel.BAN_7D, PenaltyLevel.BAN_30D,
					PenaltyLevel.PERMANENT);
	}

	private PenaltyLevel runAndGetNewPenalty(String date) {
		PenaltyRuns.RunStatus status = run(date);
		assertThat(status.penaltiesDecided()).isEqualTo(1);
		return this.penalties.forSeller("climber").get(0).level();
	}

	private PenaltyRuns.RunStatus run(String date) {
		PenaltyRuns.RunStatus status = this.runs.runAndWait(LocalDate.parse(date), "VN", "scenario");
		assertThat(status.status()).isEqualTo("COMPLETED");
		return status;
	}

	private String state() {
		return this.jdbc.sql(
				"select coalesce(reached_level, '-') || ' ' || active_points from seller_state where seller_id = 'climber'")
			.query(String.class)
			.single();
	}

	private void session(String sessionId, String date, String code, String severity, int points) {
		OffsetDateTime started = LocalDate.parse(date).atTime(5, 0).atOffset(ZoneOffset.UTC);
		this.jdbc.sql("""
				insert into live_session (session_id, seller_id, market, started_at, ended_at, business_date,
				                          content_hash, received_at, content_score, violation_points)
				values (?, 'climber', 'VN', ?, ?, ?, 'h', ?, 90, ?)
				""").params(sessionId, started, started.plusHours(1), LocalDate.parse(date), started, points).update();
		long card = ++this.cardIds;
		this.jdbc
			.sql("""
					insert into score_card (id, session_id, pack_id, pack_version, content_score, violation_points, is_current,
					                        card, scored_at) values (?, ?, 'default', 1, 90, ?, true, '{}', ?)
					""")
			.params(card, sessionId, points, started)
			.update();
		this.jdbc
			.sql("""
					insert into finding (score_card_id, seq, session_id, seller_id, market, business_date, code, kind,
					                     severity, points, score_delta, rule) values (?, 0, ?, 'climber', 'VN', ?, ?, 'VIOLATION', ?, ?, 0, 'scenario')
					""")
			.params(card, sessionId, LocalDate.parse(date), code, severity, points)
			.update();
	}

}
