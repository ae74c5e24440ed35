package io.liveguard.batch;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Test fixture: many sellers with sessions, current score cards and violation findings,
 * written straight to the tables (no scoring), deterministic for a seed.
 */
public final class SyntheticSellers {

	private static final String[][] VIOLATIONS = { { "LOW_QUALITY_SESSION", "MINOR", "1" },
			{ "VULGAR_CONTENT", "MODERATE", "3" }, { "NO_LIVE_HOST", "MODERATE", "3" },
			{ "UNVERIFIED_HOST", "SEVERE", "6" }, { "FALSE_ORIGIN", "SEVERE", "6" },
			{ "PROHIBITED_PRODUCT", "CRITICAL", "15" } };

	private SyntheticSellers() {
	}

	/**
	 * Writes {@code sellers} sellers with 1 to 4 sessions each on business dates in
	 * [{@code from}, {@code to}].
	 */
	public static void write(JdbcTemplate jdbc, int sellers, LocalDate from, LocalDate to, long seed) {
		write(jdbc, "seller", sellers, 4, from, to, seed);
	}

	/**
	 * Writes {@code sellers} sellers named {@code prefix-NNNNNN} with 1 to
	 * {@code maxSessions} sessions each on business dates in [{@code from}, {@code to}].
	 */
	public static void write(JdbcTemplate jdbc, String prefix, int sellers, int maxSessions, LocalDate from,
			LocalDate to, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
		List<Object[]> sessions = new ArrayList<>();
		List<Object[]> cards = new ArrayList<>();
		List<Object[]> findings = new ArrayList<>();
		long cardId = jdbc.queryForObject("select coalesce(max(id), 0) from score_card", Long.class);
		for (int s = 0; s < sellers; s++) {
			String seller = String.format("%s-%06d", prefix, s);
			int count = 1 + random.nextInt(maxSessions);
			for (int n = 0; n < count; n++) {
				String sessionId = seller + "-" + n;
				LocalDate date = from.plusDays(random.nextInt(days));
				OffsetDateTime started = date.atTime(5, 0).atOffset(ZoneOffset.UTC);
				int contentScore = 30 + random.nextInt(71);
				sessions.add(new Object[] { sessionId, seller, "VN", started, started.plusHours(1), date, "h", started,
						contentScore });
				cards.add(new Object[] { ++cardId, sessionId, contentScore, started });
				int violations = (random.nextInt(10) < 6) ? 0 : 1 + random.nextInt(2);
				for (int v = 0; v < violations; v++) {
					String[] violation = VIOLATIONS[(random.nextInt(100) < 3) ? 5 : random.nextInt(5)];
					findings.add(new Object[] { cardId, v, sessionId, seller, date, violation[0], violation[1],
							Integer.parseInt(violation[2]) });
				}
			}
		}
		jdbc.batchUpdate("insert into live_session (session_id, seller_id, market, started_at, ended_at, business_date,"
				+ " content_hash, received_at, content_score, violation_points) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
				sessions);
		jdbc.batchUpdate(
				"insert into score_card (id, session_id, pack_id, pack_version, content_score, violation_points,"
						+ " is_current, card, scored_at) values (?, ?, 'default', 1, ?, 0, true, '{}', ?)",
				cards);
		jdbc.batchUpdate("insert into finding (score_card_id, seq, session_id, seller_id, market, business_date, code,"
				+ " kind, severity, points, score_delta, rule) values (?, ?, ?, ?, 'VN', ?, ?, 'VIOLATION', ?, ?, 0, 'synthetic')",
				findings);
	}

}
