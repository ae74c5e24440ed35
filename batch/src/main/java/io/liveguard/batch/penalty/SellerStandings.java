package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.penalty.Ladder;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.penalty.SellerRecord;
import io.liveguard.engine.penalty.Warning;
import io.liveguard.engine.rulepack.CompiledPack;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A seller's standing as of now: computed live from the ladder over the stored findings,
 * so an overturned appeal stops counting at once, with the warnings of the last penalty
 * run.
 */
public class SellerStandings {

	private final JdbcClient jdbc;

	private final ScoringEngine engine;

	private final EligibilityIndex eligibility;

	private final SellerRecords records;

	private final Penalties penalties;

	private final AppealRecords appeals;

	private final WebhookOutbox outbox;

	private final Clock clock;

	SellerStandings(JdbcClient jdbc, ScoringEngine engine, EligibilityIndex eligibility, SellerRecords records,
			Penalties penalties, AppealRecords appeals, WebhookOutbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.engine = engine;
		this.eligibility = eligibility;
		this.records = records;
		this.penalties = penalties;
		this.appeals = appeals;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Lifts at once the seller's standing penalties that its overturned findings leave
	 * without enough points, as an appeal decision may ask; returns the ids lifted. Their
	 * {@code penalty.lifted} events are recorded in the caller's transaction.
	 */
	public List<String> liftUnsupported(String sellerId, String by, String reason) {
		Instant now = this.clock.instant();
		Optional<String> market = latestMarket(sellerId);
		if (market.isEmpty()) {
			return List.of();
		}
		CompiledPack pack = this.engine.registry().forMarket(market.get());
		Ladder ladder = Ladder.from(pack.settings());
		LocalDate today = now.atZone(pack.settings().zoneFor(market.get())).toLocalDate();
		List<String> lifted = this.records.load(sellerId, today, ladder)
			.penaltiesToLift(now)
			.stream()
			.filter((penaltyId) -> this.penalties.lift(penaltyId, now, by, reason))
			.toList();
		if (!lifted.isEmpty()) {
			this.outbox.record(PenaltyEvents.lifted(this.jdbc, this.penalties, lifted, now));
			this.eligibility.refresh(List.of(sellerId));
		}
		return lifted;
	}

	private Optional<String> latestMarket(String sellerId) {
		return this.jdbc.sql("select market from live_session where seller_id = ? order by started_at desc limit 1")
			.param(sellerId)
			.query(String.class)
			.optional();
	}

	/** Whether LiveGuard has any session of the seller. */
	public boolean exists(String sellerId) {
		return this.jdbc.sql("select count(*) from live_session where seller_id = ?")
			.param(sellerId)
			.query(Integer.class)
			.single() > 0;
	}

	public Optional<Standing> of(String sellerId) {
		Instant now = this.clock.instant();
		Optional<String> market = latestMarket(sellerId);
		if (market.isEmpty()) {
			return Optional.empty();
		}
		CompiledPack pack = this.engine.registry().forMarket(market.get());
		Ladder ladder = Ladder.from(pack.settings());
		ZoneId zone = pack.settings().zoneFor(market.get());
		LocalDate today = now.atZone(zone).toLocalDate();
		SellerRecord record = this.records.load(sellerId, today, ladder);
		// list the previous period too, so a seller sees points that just expired
		LocalDate listFrom = ladder.windowStart(ladder.windowStart(today).minusDays(1));
		Map<String, String> appeals = this.appeals.statuses(sellerId);
		List<PointLine> points = this.jdbc.sql("""
				select f.session_id, f.code, f.points, f.business_date
				from finding f
				where f.seller_id = ? and f.kind = 'VIOLATION' and f.business_date between ? and ?
				order by f.business_date desc, f.session_id, f.seq
				""").params(sellerId, listFrom, today).query((rs, row) -> {
			LocalDate earned = rs.getObject(4, LocalDate.class);
			String appeal = appeals.get(SellerRecord.key(rs.getString(1), rs.getString(2)));
			String status = AppealRecords.OVERTURNED.equals(appeal) ? "OVERTURNED"
					: !ladder.counts(earned, today) ? "EXPIRED" : "OPEN".equals(appeal) ? "APPEALED" : "ACTIVE";
			return new PointLine(rs.getString(1), rs.getString(2), rs.getInt(3), earned, ladder.expiresOn(earned),
					status);
		}).list();
		int active = record.activePoints(today, ladder);
		List<Integer> scores = this.jdbc.sql("""
				select content_score from live_session
				where seller_id = ? and business_date between ? and ?
				""").params(sellerId, today.minusDays(29), today).query(Integer.class).list();
		Double average = scores.isEmpty() ? null
				: Math.round(scores.stream().mapToInt(Integer::intValue).average().orElse(0) * 10) / 10.0;
		List<Warning> warnings = this.jdbc.sql("""
				select w.code, w.message from seller_warning w join seller_state s on s.seller_id = w.seller_id
				where w.seller_id = ? and w.run_id = s.last_run_id order by w.seq
				""").param(sellerId).query((rs, row) -> new Warning(rs.getString(1), rs.getString(2))).list();
		ActivePenalty activePenalty = this.eligibility.blocking(sellerId, now)
			.or(() -> record.penalties()
				.stream()
				.filter((penalty) -> penalty.standsAt(now) && penalty.startsAt().isAfter(now))
				.min(Comparator.comparing(Penalty::startsAt)))
			.map(ActivePenalty::of)
			.orElse(null);
		NextThreshold next = ladder.nextStep(active)
			.map((step) -> new NextThreshold(step.level(), step.minPoints(), step.minPoints() - active))
			.orElse(null);
		return Optional.of(new Standing(sellerId, market.get(), today, active, points, average, scores.size(),
				activePenalty, warnings, next));
	}

	/**
	 * @param sellerId the seller
	 * @param market the market of its latest session
	 * @param businessDate today in that market
	 * @param activePoints points that count today
	 * @param points violation findings of this period and the previous one
	 * @param contentScore30d average content score of the last 30 days, or null without
	 * sessions
	 * @param sessions30d sessions of the last 30 days
	 * @param activePenalty the penalty in force now (or the next one to start), or null
	 * @param warnings the warnings of the last penalty run
	 * @param nextThreshold the next level the points would reach, or null at the top
	 */
	public record Standing(String sellerId, String market, LocalDate businessDate, int activePoints,
			List<PointLine> points, @Nullable Double contentScore30d, int sessions30d,
			@Nullable ActivePenalty activePenalty, List<Warning> warnings, @Nullable NextThreshold nextThreshold) {
	}

	/**
	 * One violation finding and whether its points count: ACTIVE, APPEALED (still
	 * counts), EXPIRED, OVERTURNED.
	 */
	public record PointLine(String sessionId, String code, int points, LocalDate earnedOn, LocalDate expiresOn,
			String status) {
	}

	public record ActivePenalty(String penaltyId, PenaltyLevel level, Instant startsAt, @Nullable Instant endsAt) {

		static ActivePenalty of(Penalty penalty) {
			return new ActivePenalty(penalty.penaltyId(), penalty.level(), penalty.startsAt(), penalty.endsAt());
		}

	}

	public record NextThreshold(PenaltyLevel level, int points, int pointsToGo) {
	}

}
