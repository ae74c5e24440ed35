package io.liveguard.batch.backtest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.engine.penalty.Ladder;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.SellerDecision;
import io.liveguard.engine.penalty.SellerRecord;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replays the nightly penalty run over the back-test's range for a chunk of sellers, once
 * with the baseline's points and ladder and once with the candidate's, from a clean
 * slate, and stores the sellers whose penalties differ. Findings overturned on appeal do
 * not count on either side.
 */
class LadderReplay implements ItemWriter<String> {

	private final JdbcClient jdbc;

	private final AppealRecords appeals;

	private final CompiledPack baseline;

	private final CompiledPack candidate;

	private final long backtestId;

	private final LocalDate from;

	private final LocalDate to;

	LadderReplay(JdbcClient jdbc, AppealRecords appeals, CompiledPack baseline, CompiledPack candidate, long backtestId,
			LocalDate from, LocalDate to) {
		this.jdbc = jdbc;
		this.appeals = appeals;
		this.baseline = baseline;
		this.candidate = candidate;
		this.backtestId = backtestId;
		this.from = from;
		this.to = to;
	}

	@Override
	public void write(Chunk<? extends String> sellers) {
		for (String sellerId : sellers) {
			String market = this.jdbc
				.sql("select max(market) from backtest_session where backtest_id = ? and seller_id = ?")
				.params(this.backtestId, sellerId)
				.query(String.class)
				.single();
			Set<String> overturned = this.appeals.overturned(sellerId);
			List<Penalty> before = replay(sellerId, market, BacktestReport.BASELINE, this.baseline, overturned);
			List<Penalty> after = replay(sellerId, market, BacktestReport.CANDIDATE, this.candidate, overturned);
			String change = change(before, after);
			this.jdbc.sql("delete from backtest_seller where backtest_id = ? and seller_id = ?")
				.params(this.backtestId, sellerId)
				.update();
			if (change != null) {
				this.jdbc.sql("""
						insert into backtest_seller (backtest_id, seller_id, baseline_level, candidate_level,
						  baseline_penalties, candidate_penalties, change)
						values (?, ?, ?, ?, ?, ?, ?)
						""")
					.params(this.backtestId, sellerId, name(highest(before)), name(highest(after)), describe(before),
							describe(after), change)
					.update();
			}
		}
	}

	/**
	 * The penalties the nightly run would have decided for the seller over the range with
	 * this pack.
	 */
	List<Penalty> replay(String sellerId, String market, String side, CompiledPack pack, Set<String> overturned) {
		Ladder ladder = Ladder.from(pack.settings());
		ZoneId zone = pack.settings().zoneFor(market);
		List<PointEntry> points = this.jdbc.sql("""
				select session_id, code, severity, points, business_date from backtest_finding
				where backtest_id = ? and side = ? and seller_id = ? order by business_date, session_id, seq
				""")
			.params(this.backtestId, side, sellerId)
			.query((rs, row) -> new PointEntry(rs.getString(1), rs.getString(2), Severity.valueOf(rs.getString(3)),
					rs.getInt(4), rs.getObject(5, LocalDate.class),
					overturned.contains(SellerRecord.key(rs.getString(1), rs.getString(2)))))
			.list();
		List<Penalty> penalties = new ArrayList<>();
		PenaltyLevel reached = null;
		LocalDate last = null;
		for (LocalDate date = this.from; !date.isAfter(this.to); date = date.plusDays(1)) {
			LocalDate today = date;
			List<PointEntry> earned = points.stream().filter((entry) -> !entry.earnedOn().isAfter(today)).toList();
			SellerRecord record = new SellerRecord(sellerId, earned, penalties, List.of(), overturned, reached, last);
			SellerDecision decision = record.decide(date, zone, ladder, 0, side + "-" + sellerId + "-" + date);
			if (decision.penalty() != null) {
				penalties.add(decision.penalty());
			}
			reached = decision.reachedLevel();
			last = date;
		}
		return penalties;
	}

	/**
	 * How the candidate's penalties differ from the baseline's, or null when they do not.
	 */
	static @Nullable String change(List<Penalty> before, List<Penalty> after) {
		if (describe(before).equals(describe(after))) {
			return null;
		}
		PenaltyLevel was = highest(before);
		PenaltyLevel now = highest(after);
		if (was == null) {
			return "NEW_BAN";
		}
		if (now == null) {
			return "NO_LONGER_BANNED";
		}
		if (now.isAbove(was)) {
			return "HIGHER";
		}
		if (was.isAbove(now)) {
			return "LOWER";
		}
		return Objects.equals(before.size(), after.size()) ? "OTHER_DATES" : "OTHER_COUNT";
	}

	static @Nullable PenaltyLevel highest(List<Penalty> penalties) {
		PenaltyLevel highest = null;
		for (Penalty penalty : penalties) {
			if (highest == null || penalty.level().isAbove(highest)) {
				highest = penalty.level();
			}
		}
		return highest;
	}

	/**
	 * The penalties as "LEVEL@date" in order, e.g.
	 * {@code BAN_3D@2026-11-02,BAN_7D@2026-11-09}.
	 */
	static String describe(List<Penalty> penalties) {
		return penalties.stream()
			.map((penalty) -> penalty.level() + "@" + penalty.decidedFor())
			.collect(Collectors.joining(","));
	}

	private static @Nullable String name(@Nullable PenaltyLevel level) {
		return (level == null) ? null : level.name();
	}

}
