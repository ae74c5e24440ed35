package io.liveguard.batch.penalty;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.liveguard.engine.penalty.Ladder;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.PointEntry;
import io.liveguard.engine.penalty.ScoredSession;
import io.liveguard.engine.penalty.SellerRecord;
import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Loads what the penalty run needs of one seller. */
class SellerRecords {

	private final JdbcClient jdbc;

	private final Penalties penalties;

	SellerRecords(JdbcClient jdbc, Penalties penalties) {
		this.jdbc = jdbc;
		this.penalties = penalties;
	}

	SellerRecord load(String sellerId, LocalDate runDate, Ladder ladder) {
		LocalDate from = ladder.windowStart(runDate);
		List<PointEntry> points = this.jdbc.sql("""
				select session_id, code, severity, points, business_date
				from finding
				where seller_id = ? and kind = 'VIOLATION' and business_date between ? and ?
				""").params(sellerId, from, runDate).query((rs, row) -> {
			String sessionId = rs.getString(1);
			String code = rs.getString(2);
			int earned = rs.getInt(4);
			if (earned < 0) {
				throw new BadRecordException("finding " + code + " of session " + sessionId + " has negative points "
						+ earned);
			}
			return new PointEntry(sessionId, code, severity(rs.getString(3), sessionId, code), earned,
					rs.getObject(5, LocalDate.class), false);
		}).list();
		List<ScoredSession> sessions = this.jdbc.sql("""
				select session_id, business_date, content_score
				from live_session
				where seller_id = ? and business_date between ? and ?
				""")
			.params(sellerId, runDate.minusDays(ladder.warningScoreDays() - 1L), runDate)
			.query((rs, row) -> new ScoredSession(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3)))
			.list();
		Set<String> overturned = new HashSet<>(this.jdbc
			.sql("select session_id, code from appeal where seller_id = ? and status = 'OVERTURNED'")
			.param(sellerId)
			.query((rs, row) -> SellerRecord.key(rs.getString(1), rs.getString(2)))
			.list());
		List<Penalty> decided = this.penalties.forSeller(sellerId);
		Optional<State> state = this.jdbc
			.sql("select reached_level, last_run_date from seller_state where seller_id = ?")
			.param(sellerId)
			.query((rs, row) -> new State(
					(rs.getString(1) == null) ? null : PenaltyLevel.valueOf(rs.getString(1)),
					rs.getObject(2, LocalDate.class)))
			.optional();
		return new SellerRecord(sellerId, points, decided, sessions, overturned,
				state.map(State::reached).orElse(null), state.map(State::lastRunDate).orElse(null));
	}

	private static Severity severity(String value, String sessionId, String code) {
		try {
			return Severity.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw new BadRecordException(
					"finding " + code + " of session " + sessionId + " has unknown severity '" + value + "'", ex);
		}
	}

	private record State(@Nullable PenaltyLevel reached, LocalDate lastRunDate) {
	}

}
