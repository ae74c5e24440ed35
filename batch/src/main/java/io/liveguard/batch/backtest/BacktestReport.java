package io.liveguard.batch.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a back-test found: its progress, and once complete the findings each code gained
 * and lost, the difference per day, and the sellers whose penalties would change.
 *
 * @param id the back-test
 * @param packId the pack
 * @param candidateVersion the version tried
 * @param baselineVersion the version active when it started
 * @param from first business date
 * @param to last business date
 * @param requestedBy who asked
 * @param requestedAt when
 * @param status REQUESTED, STARTED, COMPLETED, FAILED...
 * @param sessionsTotal stored sessions of the range
 * @param sessionsRead sessions scored so far
 * @param progress sessions scored over sessions of the range, 0..1
 * @param sellersReplayed sellers whose ladder was replayed so far
 * @param failure the first failure, if it failed
 * @param sessionsChanged sessions whose findings or points differ
 * @param byCode findings gained and lost per code (sessions that gain or lose the code)
 * @param byDay the same per business date, with the sessions changed
 * @param sellers sellers whose replayed penalties differ
 * @param changedSessions up to {@value #SHOWN_SESSIONS} of the changed sessions
 */
public record BacktestReport(long id, String packId, int candidateVersion, int baselineVersion, LocalDate from,
		LocalDate to, String requestedBy, Instant requestedAt, String status, int sessionsTotal, long sessionsRead,
		double progress, long sellersReplayed, @Nullable String failure, long sessionsChanged, List<CodeChange> byCode,
		List<DayChange> byDay, List<SellerChange> sellers, List<SessionChange> changedSessions) {

	static final String BASELINE = "B";

	static final String CANDIDATE = "C";

	static final int SHOWN_SESSIONS = 100;

	static BacktestReport load(JdbcClient jdbc, long id, String packId, int candidate, int baseline, LocalDate from,
			LocalDate to, String requestedBy, Instant requestedAt, int total, String status, long sessionsRead,
			long sellersRead, @Nullable String failure) {
		double progress = (total == 0) ? ("COMPLETED".equals(status) ? 1.0 : 0.0)
				: Math.min(1.0, (double) sessionsRead / total);
		if (!"COMPLETED".equals(status)) {
			return new BacktestReport(id, packId, candidate, baseline, from, to, requestedBy, requestedAt, status,
					total, sessionsRead, progress, sellersRead, failure, 0, List.of(), List.of(), List.of(), List.of());
		}
		Map<String, int[]> codes = new TreeMap<>();
		Map<LocalDate, int[]> days = new TreeMap<>();
		List<SessionChange> shown = new ArrayList<>();
		long[] changed = { 0 };
		jdbc.sql("""
				select session_id, seller_id, business_date, baseline_codes, candidate_codes, baseline_points,
				       candidate_points
				from backtest_session where backtest_id = ? and changed = true order by business_date, session_id
				""").param(id).query((rs) -> {
			Set<String> before = split(rs.getString(4));
			Set<String> after = split(rs.getString(5));
			int[] day = days.computeIfAbsent(rs.getObject(3, LocalDate.class), (date) -> new int[3]);
			day[2]++;
			changed[0]++;
			for (String code : after) {
				if (!before.contains(code)) {
					codes.computeIfAbsent(code, (c) -> new int[2])[0]++;
					day[0]++;
				}
			}
			for (String code : before) {
				if (!after.contains(code)) {
					codes.computeIfAbsent(code, (c) -> new int[2])[1]++;
					day[1]++;
				}
			}
			if (shown.size() < SHOWN_SESSIONS) {
				shown.add(new SessionChange(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
						List.copyOf(before), List.copyOf(after), rs.getInt(6), rs.getInt(7)));
			}
		});
		List<CodeChange> byCode = codes.entrySet()
			.stream()
			.map((entry) -> new CodeChange(entry.getKey(), entry.getValue()[0], entry.getValue()[1]))
			.toList();
		List<DayChange> byDay = days.entrySet()
			.stream()
			.map((entry) -> new DayChange(entry.getKey(), entry.getValue()[0], entry.getValue()[1],
					entry.getValue()[2]))
			.toList();
		List<SellerChange> sellers = jdbc.sql("""
				select seller_id, baseline_level, candidate_level, baseline_penalties, candidate_penalties, change
				from backtest_seller where backtest_id = ? order by seller_id
				""")
			.param(id)
			.query((rs, row) -> new SellerChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
		return new BacktestReport(id, packId, candidate, baseline, from, to, requestedBy, requestedAt, status, total,
				sessionsRead, progress, sellersRead, failure, changed[0], byCode, byDay, sellers, shown);
	}

	private static Set<String> split(String codes) {
		return codes.isEmpty() ? Set.of() : new HashSet<>(Arrays.asList(codes.split(",")));
	}

	/**
	 * Sessions that gain ({@code gained}) or lose ({@code lost}) a finding of this code.
	 */
	public record CodeChange(String code, int gained, int lost) {
	}

	/** The findings gained and lost on a business date, and the sessions that changed. */
	public record DayChange(LocalDate date, int gained, int lost, int sessionsChanged) {
	}

	/**
	 * A seller whose penalties would differ.
	 *
	 * @param baselineLevel the highest level decided with the active version, or null
	 * @param candidateLevel the same with the candidate
	 * @param baselinePenalties the penalties, as {@code LEVEL@date} in order
	 * @param candidatePenalties likewise
	 * @param change NEW_BAN, NO_LONGER_BANNED, HIGHER, LOWER, OTHER_DATES or OTHER_COUNT
	 */
	public record SellerChange(String sellerId, @Nullable String baselineLevel, @Nullable String candidateLevel,
			String baselinePenalties, String candidatePenalties, String change) {
	}

	/** One changed session. */
	public record SessionChange(String sessionId, String sellerId, LocalDate businessDate, List<String> baselineCodes,
			List<String> candidateCodes, int baselinePoints, int candidatePoints) {
	}

}
