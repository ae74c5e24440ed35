package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.penalty.Ladder;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.SellerDecision;
import io.liveguard.engine.penalty.SellerRecord;
import io.liveguard.engine.penalty.Warning;
import io.liveguard.engine.rulepack.CompiledPack;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Decides a chunk of sellers and stores the decisions in the chunk's transaction. The
 * chunk's records are loaded in a few bulk queries; each seller is decided with its
 * market's ladder, taken from one rule pack snapshot per market for the whole step, so a
 * step never mixes pack versions. New penalties with their reasons, lifts, warnings and
 * the sellers' ladder state are written; a seller whose stored data cannot be decided
 * goes to the quarantine with the reason. Counts go to the step's execution context,
 * which commits with the chunk, so a restarted run reports the same totals as an
 * uninterrupted one.
 */
class PenaltyDecisionWriter implements ItemWriter<RunSeller>, StepExecutionListener {

	/**
	 * Sellers written (decided or quarantined), over every execution of the partition.
	 */
	static final String SELLERS = "sellers";

	static final String PENALTIES = "penalties";

	static final String LIFTS = "lifts";

	static final String WARNINGS = "warnings";

	static final String QUARANTINED = "quarantined";

	private final JdbcClient jdbc;

	private final SellerRecords records;

	private final ScoringEngine engine;

	private final Quarantine quarantine;

	private final EligibilityIndex eligibility;

	private final PenaltyMeters meters;

	private final WebhookOutbox outbox;

	private final Penalties penalties;

	private final Clock clock;

	private final long runId;

	private final LocalDate runDate;

	private final Map<String, CompiledPack> packs = new HashMap<>();

	private ExecutionContext counts = new ExecutionContext();

	private WebhookOutbox.@Nullable Bulk bulk;

	PenaltyDecisionWriter(JdbcClient jdbc, SellerRecords records, ScoringEngine engine, Quarantine quarantine,
			EligibilityIndex eligibility, PenaltyMeters meters, WebhookOutbox outbox, Penalties penalties, Clock clock,
			long runId, LocalDate runDate) {
		this.jdbc = jdbc;
		this.records = records;
		this.engine = engine;
		this.quarantine = quarantine;
		this.eligibility = eligibility;
		this.meters = meters;
		this.outbox = outbox;
		this.penalties = penalties;
		this.clock = clock;
		this.runId = runId;
		this.runDate = runDate;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.counts = stepExecution.getExecutionContext();
		// its events' messages are made and sent at a capped rate while the partition
		// runs
		this.bulk = this.outbox.bulk();
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		WebhookOutbox.Bulk declared = this.bulk;
		if (declared != null) {
			declared.close();
			this.bulk = null;
		}
		return stepExecution.getExitStatus();
	}

	@Override
	public void write(Chunk<? extends RunSeller> chunk) {
		Map<String, Ladder> ladders = new HashMap<>();
		List<String> sellerIds = new ArrayList<>(chunk.size());
		LocalDate pointsFrom = this.runDate;
		LocalDate scoresFrom = this.runDate;
		for (RunSeller seller : chunk) {
			sellerIds.add(seller.sellerId());
			Ladder ladder = ladders.computeIfAbsent(seller.market(), this::ladder);
			if (ladder != null) {
				pointsFrom = min(pointsFrom, ladder.windowStart(this.runDate));
				scoresFrom = min(scoresFrom, SellerRecords.scoresFrom(this.runDate, ladder));
			}
		}
		SellerRecords.Loaded loaded = this.records.loadAll(sellerIds, SellerScope.of(sellerIds), this.runDate,
				pointsFrom, scoresFrom);
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		List<String> touched = new ArrayList<>();
		List<SellerDecision> decided = new ArrayList<>();
		List<WebhookOutbox.Event> events = new ArrayList<>();
		List<String> lifted = new ArrayList<>();
		for (RunSeller seller : chunk) {
			Ladder ladder = ladders.get(seller.market());
			String problem = (ladder == null) ? "rule pack " + pack(seller.market()).ref() + " has no valid ladder"
					: loaded.problems().get(seller.sellerId());
			if (problem != null) {
				this.quarantine.record(PenaltyRunJobConfiguration.JOB_NAME, this.runId, "seller " + seller.sellerId(),
						problem);
				increment(QUARANTINED, 1);
				continue;
			}
			SellerRecord record = loaded.records().get(seller.sellerId());
			String penaltyId = UUID
				.nameUUIDFromBytes((seller.sellerId() + "|" + this.runDate + "|" + this.runId).getBytes())
				.toString();
			SellerDecision decision = record.decide(this.runDate,
					pack(seller.market()).settings().zoneFor(seller.market()), ladder, this.runId, penaltyId);
			if (!decision.alreadyDecided()) {
				decided.add(decision);
				if (store(seller.market(), decision, now, events, lifted)) {
					touched.add(decision.sellerId());
				}
			}
		}
		increment(SELLERS, chunk.size());
		// the events go out with the chunk: a chunk rolled back (and retried) sends none
		events.addAll(PenaltyEvents.lifted(this.jdbc, this.penalties, lifted, now.toInstant()));
		this.outbox.record(events, this.bulk);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					if (!touched.isEmpty()) {
						PenaltyDecisionWriter.this.eligibility.refresh(touched);
					}
					count(decided);
				}
			});
		}
		else {
			count(decided);
		}
	}

	/** The meters count a chunk's decisions once they are stored for good. */
	private void count(List<SellerDecision> decided) {
		for (SellerDecision decision : decided) {
			if (decision.penalty() != null) {
				this.meters.penalty(decision.penalty().level());
			}
			this.meters.lifts(decision.lifted().size());
			this.meters.warnings(decision.warnings().size());
		}
	}

	/** Stores one decision; true when it changed the seller's penalties. */
	private boolean store(String market, SellerDecision decision, OffsetDateTime now, List<WebhookOutbox.Event> events,
			List<String> liftedIds) {
		boolean changed = false;
		Penalty penalty = decision.penalty();
		if (penalty != null) {
			insert(penalty, market, now);
			events.add(PenaltyEvents.decided(penalty, market, now.toInstant()));
			increment(PENALTIES, 1);
			changed = true;
		}
		for (String lifted : decision.lifted()) {
			this.jdbc.sql(
					"update penalty set lifted_at = ?, lifted_by = ?, lift_reason = ? where penalty_id = ? and lifted_at is null")
				.params(now, "penalty run " + this.runId,
						"its findings no longer reach its threshold after overturned appeals", lifted)
				.update();
			liftedIds.add(lifted);
			increment(LIFTS, 1);
			changed = true;
		}
		int seq = 0;
		for (Warning warning : decision.warnings()) {
			this.jdbc.sql(
					"insert into seller_warning (seller_id, seq, code, message, run_id, business_date) values (?, ?, ?, ?, ?, ?)")
				.params(decision.sellerId(), seq++, warning.code(), warning.message(), this.runId, decision.runDate())
				.update();
		}
		if (!decision.warnings().isEmpty()) {
			events.add(PenaltyEvents.warned(decision.sellerId(), market, decision.runDate(), decision.warnings()));
		}
		increment(WARNINGS, decision.warnings().size());
		saveState(market, decision);
		return changed;
	}

	private void insert(Penalty penalty, String market, OffsetDateTime now) {
		this.jdbc
			.sql("""
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
			this.jdbc.sql(
					"insert into penalty_reason (penalty_id, seq, session_id, code, severity, points) values (?, ?, ?, ?, ?, ?)")
				.params(penalty.penaltyId(), seq++, reason.sessionId(), reason.code(), reason.severity().name(),
						reason.points())
				.update();
		}
	}

	private void saveState(String market, SellerDecision decision) {
		String level = (decision.reachedLevel() == null) ? null : decision.reachedLevel().name();
		int updated = this.jdbc
			.sql("""
					update seller_state set market = ?, reached_level = ?, active_points = ?, last_run_date = ?, last_run_id = ?
					where seller_id = ?
					""")
			.params(market, level, decision.activePoints(), decision.runDate(), this.runId, decision.sellerId())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("""
						insert into seller_state (seller_id, market, reached_level, active_points, last_run_date, last_run_id)
						values (?, ?, ?, ?, ?, ?)
						""")
				.params(decision.sellerId(), market, level, decision.activePoints(), decision.runDate(), this.runId)
				.update();
		}
	}

	private CompiledPack pack(String market) {
		return this.packs.computeIfAbsent(market, this.engine.registry()::forMarket);
	}

	private Ladder ladder(String market) {
		try {
			return Ladder.from(pack(market).settings());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private void increment(String key, long by) {
		this.counts.putLong(key, this.counts.getLong(key, 0L) + by);
	}

	private static LocalDate min(LocalDate a, LocalDate b) {
		return a.isBefore(b) ? a : b;
	}

}
