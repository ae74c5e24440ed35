package io.liveguard.web.rulepack;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.liveguard.engine.DomainException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * How each rule of a pack fared: how often its findings stand on current score cards of
 * the last days, and how many of them were appealed and overturned (a rule analysts
 * should look at again).
 */
@Service
class RuleStatistics {

	static final int MAX_DAYS = 366;

	private final JdbcClient jdbc;

	private final Clock clock;

	RuleStatistics(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	List<RuleCount> of(String packId, int days) {
		if (days < 1 || days > MAX_DAYS) {
			throw new StatisticsPeriodInvalid(days);
		}
		LocalDate from = LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(days - 1);
		return this.jdbc.sql("""
				select f.code, f.rule, f.kind, count(*) as fired,
				       sum(case when a.appeal_id is null then 0 else 1 end) as appealed,
				       sum(case when a.status = 'OVERTURNED' then 1 else 0 end) as overturned
				from finding f
				join score_card c on c.id = f.score_card_id
				left join appeal a on a.session_id = f.session_id and a.code = f.code
				where c.pack_id = ? and f.business_date >= ?
				group by f.code, f.rule, f.kind
				order by fired desc, f.code, f.rule
				""").params(packId, from).query((rs, row) -> {
			long fired = rs.getLong("fired");
			long overturned = rs.getLong("overturned");
			return new RuleCount(rs.getString("code"), rs.getString("rule"), rs.getString("kind"), fired,
					rs.getLong("appealed"), overturned,
					(fired == 0) ? 0.0 : Math.round(1000.0 * overturned / fired) / 1000.0);
		}).list();
	}

	/**
	 * @param code the finding code
	 * @param rule the rule (or rules) that produced it
	 * @param kind QUALITY or VIOLATION
	 * @param fired findings on current score cards since the first day
	 * @param appealed of those, appealed
	 * @param overturned of those, overturned on appeal
	 * @param overturnedShare overturned over fired
	 */
	record RuleCount(String code, String rule, String kind, long fired, long appealed, long overturned,
			double overturnedShare) {
	}

	/** Statistics are counted over 1 to {@link #MAX_DAYS} days. */
	static final class StatisticsPeriodInvalid extends DomainException {

		StatisticsPeriodInvalid(int days) {
			super(Kind.INVALID, null, "days: 1 to " + MAX_DAYS + " (was " + days + ")");
		}

	}

}
