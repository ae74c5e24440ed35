package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.SellerDecision;
import io.liveguard.engine.penalty.Warning;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Stores a chunk of decisions in the chunk's transaction: new penalties with their reasons, lifts,
 * the sellers' current warnings and ladder state. Counts go to the step's execution context, which
 * commits with the chunk, so a restarted run reports the same totals as an uninterrupted one.
 */
class PenaltyDecisionWriter implements ItemWriter<SellerOutcome>, StepExecutionListener {

	static final String PENALTIES = "penalties";

	static final String LIFTS = "lifts";

	static final String WARNINGS = "warnings";

	private final JdbcClient jdbc;

	private final EligibilityIndex eligibility;

	private final Clock clock;

	private final long runId;

	private ExecutionContext counts = new ExecutionContext();

	PenaltyDecisionWriter(JdbcClient jdbc, EligibilityIndex eligibility, Clock clock, long runId) {
		this.jdbc = jdbc;
		this.eligibility = eligibility;
		this.clock = clock;
		this.runId = runId;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.counts = stepExecution.getExecutionContext();
	}

	@Override
	public void write(Chunk<? extends SellerOutcome> chunk) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<String> touched = new ArrayList<>();
		for (SellerOutcome outcome : chunk) {
			SellerDecision decision = outcome.decision();
			Penalty penalty = decision.penalty();
			if (penalty != null) {
				insert(penalty, outcome.market(), now);
				increment(PENALTIES, 1);
				touched.add(decision.sellerId());
			}
			for (String lifted : decision.lifted()) {
				this.jdbc
					.sql("update penalty set lifted_at = ?, lifted_by = ?, lift_reason = ? where penalty_id = ? and lifted_at is null")
					.params(now, "penalty run " + this.runId,
							"its findings no longer reach its threshold after overturned appeals", lifted)
					.update();
				increment(LIFTS, 1);
				touched.add(decision.sellerId());
			}
			int seq = 0;
			for (Warning warning : decision.warnings()) {
				this.jdbc
					.sql("insert into seller_warning (seller_id, seq, code, message, run_id, business_date) values (?, ?, ?, ?, ?, ?)")
					.params(decision.sellerId(), seq++, warning.code(), warning.message(), this.runId, decision.runDate())
					.update();
			}
			increment(WARNINGS, decision.warnings().size());
			saveState(outcome.market(), decision);
		}
		if (!touched.isEmpty() && TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					PenaltyDecisionWriter.this.eligibility.refresh(touched);
				}
			});
		}
	}

	private void insert(Penalty penalty, String market, OffsetDateTime now) {
		this.jdbc.sql("""
				insert into penalty (penalty_id, seller_id, market, level, starts_at, ends_at, threshold_points, critical,
				                     decided_by_run, decided_for, decided_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(penalty.penaltyId(), penalty.sellerId(), market, penalty.level().name(),
					OffsetDateTime.ofInstant(penalty.startsAt(), ZoneOffset.UTC),
					(penalty.endsAt() == null) ? null : OffsetDateTime.ofInstant(penalty.endsAt(), ZoneOffset.UTC),
					penalty.thresholdPoints(), penalty.critical(), penalty.decidedByRun(), penalty.decidedFor(), now)
			.update();
		int seq = 0;
		for (PointEntry.Reason reason : penalty.reasons()) {
			this.jdbc
				.sql("insert into penalty_reason (penalty_id, seq, session_id, code, severity, points) values (?, ?, ?, ?, ?, ?)")
				.params(penalty.penaltyId(), seq++, reason.sessionId(), reason.code(), reason.severity().name(),
						reason.points())
				.update();
		}
	}

	private void saveState(String market, SellerDecision decision) {
		String level = (decision.reachedLevel() == null) ? null : decision.reachedLevel().name();
		int updated = this.jdbc.sql("""
				update seller_state set market = ?, reached_level = ?, active_points = ?, last_run_date = ?, last_run_id = ?
				where seller_id = ?
				""").params(market, level, decision.activePoints(), decision.runDate(), this.runId, decision.sellerId()).update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into seller_state (seller_id, market, reached_level, active_points, last_run_date, last_run_id)
					values (?, ?, ?, ?, ?, ?)
					""").params(decision.sellerId(), market, level, decision.activePoints(), decision.runDate(), this.runId).update();
		}
	}

	private void increment(String key, long by) {
		this.counts.putLong(key, this.counts.getLong(key, 0L) + by);
	}

}
