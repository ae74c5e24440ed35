package io.liveguard.batch.penalty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.engine.penalty.Ladder;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.ScoredSession;
import io.liveguard.engine.penalty.SellerRecord;
import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads what the penalty run needs of sellers: a whole chunk of sellers in five queries,
 * so the run costs a handful of round trips per chunk rather than per seller.
 */
class SellerRecords {

	private final JdbcClient jdbc;

	private final Penalties penalties;

	private final AppealRecords appeals;

	SellerRecords(JdbcClient jdbc, Penalties penalties, AppealRecords appeals) {
		this.jdbc = jdbc;
		this.penalties = penalties;
		this.appeals = appeals;
	}

	/** One seller's record over the windows of {@code ladder}. */
	SellerRecord load(String sellerId, LocalDate runDate, Ladder ladder) {
		return load(sellerId, runDate, ladder.windowStart(runDate), scoresFrom(runDate, ladder));
	}

	static LocalDate scoresFrom(LocalDate runDate, Ladder ladder) {
		return runDate.minusDays(ladder.warningScoreDays() - 1L);
	}

	/**
	 * One seller's record; throws {@link BadRecordException} when its stored data cannot
	 * be read.
	 */
	SellerRecord load(String sellerId, LocalDate runDate, LocalDate pointsFrom, LocalDate scoresFrom) {
		Loaded loaded = loadAll(List.of(sellerId), SellerScope.of(List.of(sellerId)), runDate, pointsFrom, scoresFrom);
		String problem = loaded.problems().get(sellerId);
		if (problem != null) {
			throw new BadRecordException(problem);
		}
		return loaded.records().get(sellerId);
	}

	/**
	 * The records of many sellers: findings with business dates in [{@code pointsFrom},
	 * {@code runDate}], sessions in [{@code scoresFrom}, {@code runDate}], overturned
	 * appeals, penalties and ladder state. A seller whose stored data cannot be read is
	 * in {@link Loaded#problems()} instead, with the reason.
	 */
	Loaded loadAll(Collection<String> sellerIds, SellerScope scope, LocalDate runDate, LocalDate pointsFrom,
			LocalDate scoresFrom) {
		// one query per table for the whole scope: a partition's sellers are spread over
		// the whole id range
		// (they share a hash bucket range), so the scope names exactly them, not only a
		// range of ids
		Map<String, List<PointEntry>> points = new HashMap<>();
		Map<String, String> problems = new LinkedHashMap<>();
		this.jdbc.sql("""
				select f.seller_id, f.session_id, f.code, f.severity, f.points, f.business_date
				from %s
				where %s and f.kind = 'VIOLATION' and f.business_date between :from and :to
				""".formatted(scope.table("finding f", "f"), scope.where("f")))
			.params(scope.params())
			.param("from", pointsFrom)
			.param("to", runDate)
			.query((rs) -> {
				String sellerId = rs.getString(1);
				String sessionId = rs.getString(2);
				String code = rs.getString(3);
				String severity = rs.getString(4);
				int earned = rs.getInt(5);
				if (earned < 0) {
					problems.putIfAbsent(sellerId,
							"finding " + code + " of session " + sessionId + " has negative points " + earned);
				}
				else if (!isSeverity(severity)) {
					problems.putIfAbsent(sellerId, "finding " + code + " of session " + sessionId
							+ " has unknown severity '" + severity + "'");
				}
				else {
					points.computeIfAbsent(sellerId, (id) -> new ArrayList<>())
						.add(new PointEntry(sessionId, code, Severity.valueOf(severity), earned,
								rs.getObject(6, LocalDate.class), false));
				}
			});
		Map<String, List<ScoredSession>> sessions = new HashMap<>();
		this.jdbc.sql("""
				select s.seller_id, s.session_id, s.business_date, s.content_score
				from %s
				where %s and s.business_date between :from and :to
				""".formatted(scope.table("live_session s", "s"), scope.where("s")))
			.params(scope.params())
			.param("from", scoresFrom)
			.param("to", runDate)
			.query((rs) -> {
				sessions.computeIfAbsent(rs.getString(1), (id) -> new ArrayList<>())
					.add(new ScoredSession(rs.getString(2), rs.getObject(3, LocalDate.class), rs.getInt(4)));
			});
		Map<String, Set<String>> overturned = this.appeals.overturned(sellerIds);
		Map<String, List<Penalty>> decided = this.penalties.forSellers(scope);
		Map<String, State> states = new HashMap<>();
		this.jdbc
			.sql("select st.seller_id, st.reached_level, st.last_run_date from " + scope.table("seller_state st", "st")
					+ " where " + scope.where("st"))
			.params(scope.params())
			.query((rs) -> {
				states.put(rs.getString(1),
						new State((rs.getString(2) == null) ? null : PenaltyLevel.valueOf(rs.getString(2)),
								rs.getObject(3, LocalDate.class)));
			});
		Map<String, SellerRecord> records = new HashMap<>();
		for (String sellerId : sellerIds) {
			if (problems.containsKey(sellerId)) {
				continue;
			}
			State state = states.get(sellerId);
			records.put(sellerId,
					new SellerRecord(sellerId, points.getOrDefault(sellerId, List.of()),
							decided.getOrDefault(sellerId, List.of()), sessions.getOrDefault(sellerId, List.of()),
							overturned.getOrDefault(sellerId, Set.of()), (state != null) ? state.reached() : null,
							(state != null) ? state.lastRunDate() : null));
		}
		return new Loaded(records, problems);
	}

	private static boolean isSeverity(String value) {
		for (Severity severity : Severity.values()) {
			if (severity.name().equals(value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param records the sellers' records
	 * @param problems why the others could not be loaded
	 */
	record Loaded(Map<String, SellerRecord> records, Map<String, String> problems) {
	}

	private record State(@Nullable PenaltyLevel reached, LocalDate lastRunDate) {
	}

}
