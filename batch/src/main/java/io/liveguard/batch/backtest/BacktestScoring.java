package io.liveguard.batch.backtest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Scores a chunk of stored sessions with both versions, each with the seller's price
 * history as at ingest ({@link SessionStore#history}), and stores both sides' findings.
 */
class BacktestScoring implements ItemWriter<BacktestSession> {

	private final JdbcClient jdbc;

	private final SessionStore store;

	private final SessionCodec codec;

	private final CompiledPack baseline;

	private final CompiledPack candidate;

	private final long backtestId;

	private final Clock clock;

	BacktestScoring(JdbcClient jdbc, SessionStore store, SessionCodec codec, CompiledPack baseline,
			CompiledPack candidate, long backtestId, Clock clock) {
		this.jdbc = jdbc;
		this.store = store;
		this.codec = codec;
		this.baseline = baseline;
		this.candidate = candidate;
		this.backtestId = backtestId;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends BacktestSession> chunk) {
		Instant now = this.clock.instant();
		for (BacktestSession stored : chunk) {
			LiveSession session = this.codec.read(stored.record());
			ScoreCard before = score(this.baseline, session, now);
			ScoreCard after = score(this.candidate, session, now);
			Set<String> beforeCodes = codes(before);
			Set<String> afterCodes = codes(after);
			// a re-run of the chunk after a restart replaces what an interrupted one
			// wrote
			this.jdbc.sql("delete from backtest_finding where backtest_id = ? and session_id = ?")
				.params(this.backtestId, session.sessionId())
				.update();
			this.jdbc.sql("delete from backtest_session where backtest_id = ? and session_id = ?")
				.params(this.backtestId, session.sessionId())
				.update();
			this.jdbc.sql("""
					insert into backtest_session (backtest_id, session_id, seller_id, market, business_date,
					  baseline_codes, candidate_codes, baseline_points, candidate_points, changed)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(this.backtestId, session.sessionId(), session.sellerId(), session.market(),
						after.businessDate(), String.join(",", beforeCodes), String.join(",", afterCodes),
						before.violationPoints(), after.violationPoints(),
						!beforeCodes.equals(afterCodes) || before.violationPoints() != after.violationPoints())
				.update();
			findings(BacktestReport.BASELINE, before);
			findings(BacktestReport.CANDIDATE, after);
		}
	}

	private void findings(String side, ScoreCard card) {
		List<Finding> violations = card.violations();
		for (int i = 0; i < violations.size(); i++) {
			Finding finding = violations.get(i);
			this.jdbc.sql("""
					insert into backtest_finding (backtest_id, side, session_id, seq, seller_id, business_date, code,
					  severity, points)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)
					""")
				.params(this.backtestId, side, card.sessionId(), i, card.sellerId(), card.businessDate(),
						finding.code(), finding.severity().name(), finding.points())
				.update();
		}
	}

	private ScoreCard score(CompiledPack pack, LiveSession session, Instant now) {
		return pack.score(session, this.store.history(session.sellerId(), ScoringEngine.historyWindow(pack, session)),
				now);
	}

	private static Set<String> codes(ScoreCard card) {
		Set<String> codes = new TreeSet<>();
		card.findings().forEach((finding) -> codes.add(finding.code()));
		return codes;
	}

}
