package io.liveguard.engine.penalty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;

/**
 * Everything the penalty run knows of one seller: violation points, penalties decided so
 * far, recent content scores, and the reached level and last run date it left behind.
 * Decides what one run does for the seller (policy-default.md section 3).
 *
 * @param sellerId the seller
 * @param points point entries of the counting window (and any a standing penalty rests
 * on)
 * @param penalties every penalty decided for the seller
 * @param recentSessions sessions of the content-score warning window
 * @param overturned findings overturned on appeal, as {@link #key(String, String)}
 * @param reachedLevel the highest level decided that the seller's points still reach, or
 * null
 * @param lastRunDate the business date of the last run that decided for the seller, or
 * null
 */
public record SellerRecord(String sellerId, List<PointEntry> points, List<Penalty> penalties,
		List<ScoredSession> recentSessions, Set<String> overturned, @Nullable PenaltyLevel reachedLevel,
		@Nullable LocalDate lastRunDate) {

	public SellerRecord {
		points = List.copyOf(points);
		penalties = List.copyOf(penalties);
		recentSessions = List.copyOf(recentSessions);
		overturned = Set.copyOf(overturned);
	}

	public static String key(String sessionId, String code) {
		return sessionId + "/" + code;
	}

	/** The sum of the points that count on {@code date}. */
	public int activePoints(LocalDate date, Ladder ladder) {
		return counting(date, ladder).stream().mapToInt(PointEntry::points).sum();
	}

	/** The entries that count on {@code date}, oldest first. */
	public List<PointEntry> counting(LocalDate date, Ladder ladder) {
		List<PointEntry> counting = new ArrayList<>();
		for (PointEntry entry : this.points) {
			if (entry.countsOn(date, ladder) && !this.overturned.contains(key(entry.sessionId(), entry.code()))) {
				counting.add(entry);
			}
		}
		counting.sort(Comparator.comparing(PointEntry::earnedOn).thenComparing(PointEntry::sessionId));
		return counting;
	}

	/** Whether a penalty that stands at {@code at} is permanent. */
	public boolean permanentlySuspendedAt(Instant at) {
		return this.penalties.stream().anyMatch((penalty) -> penalty.isPermanent() && penalty.standsAt(at));
	}

	/**
	 * Decides one run for the seller: a new penalty when the points reach a level above
	 * the reached level (only that level), a lower reached level when the points fell,
	 * lifts of penalties whose reasons no longer reach their threshold, and warnings.
	 * @param runDate the run's business date
	 * @param zone the market's time zone
	 * @param ladder the pack's ladder
	 * @param runId the run deciding
	 * @param penaltyId the id to give a new penalty
	 */
	public SellerDecision decide(LocalDate runDate, ZoneId zone, Ladder ladder, long runId, String penaltyId) {
		if (this.lastRunDate != null && !runDate.isAfter(this.lastRunDate)) {
			return SellerDecision.alreadyDecided(this.sellerId, runDate);
		}
		Instant dayAfter = runDate.plusDays(1).atStartOfDay(zone).toInstant();
		List<PointEntry> counting = counting(runDate, ladder);
		int active = counting.stream().mapToInt(PointEntry::points).sum();
		boolean critical = counting.stream().anyMatch((entry) -> entry.severity() == Severity.CRITICAL);
		PenaltyLevel level = ladder.levelFor(active, critical).orElse(null);
		PenaltyLevel reached = this.reachedLevel;
		Penalty penalty = null;
		if (level != null && (reached == null || level.isAbove(reached))) {
			if (!permanentlySuspendedAt(dayAfter)) {
				Ladder.Step step = ladder.step(level);
				Instant endsAt = step.isPermanent() ? null
						: runDate.plusDays(1L + step.days()).atStartOfDay(zone).toInstant();
				boolean byCritical = active < step.minPoints();
				penalty = new Penalty(penaltyId, this.sellerId, level, dayAfter, endsAt, false,
						Math.min(step.minPoints(), active), byCritical, runId, runDate,
						counting.stream().map(PointEntry::reason).toList());
			}
			reached = level;
		}
		else if (reached != null && (level == null || reached.isAbove(level))) {
			reached = level;
		}
		return new SellerDecision(this.sellerId, runDate, false, active, penalty, penaltiesToLift(dayAfter),
				warnings(runDate, ladder, active, counting), reached);
	}

	/**
	 * Ids of the penalties standing at {@code at} whose reasons, less the overturned
	 * findings, no longer reach their threshold (nor hold a CRITICAL violation, for one a
	 * CRITICAL brought).
	 */
	public List<String> penaltiesToLift(Instant at) {
		List<String> lifted = new ArrayList<>();
		for (Penalty penalty : this.penalties) {
			if (!penalty.standsAt(at)) {
				continue;
			}
			int remaining = 0;
			boolean criticalRemains = false;
			for (PointEntry.Reason reason : penalty.reasons()) {
				if (!this.overturned.contains(key(reason.sessionId(), reason.code()))) {
					remaining += reason.points();
					criticalRemains |= reason.severity() == Severity.CRITICAL;
				}
			}
			boolean stands = penalty.critical() ? criticalRemains || remaining >= penalty.thresholdPoints()
					: remaining >= penalty.thresholdPoints();
			if (!stands) {
				lifted.add(penalty.penaltyId());
			}
		}
		return lifted;
	}

	private List<Warning> warnings(LocalDate runDate, Ladder ladder, int active, List<PointEntry> counting) {
		List<Warning> warnings = new ArrayList<>(2);
		ladder.nextStep(active).ifPresent((next) -> {
			int toGo = next.minPoints() - active;
			if (active > 0 && toGo <= ladder.warningMargin()) {
				Set<String> codes = new TreeSet<>();
				counting.forEach((entry) -> codes.add(entry.code()));
				warnings.add(new Warning(Warning.NEAR_THRESHOLD,
						active + " active points: " + toGo + " more bring " + describe(next) + " (at "
								+ next.minPoints() + " points). Points come from " + String.join(", ", codes)
								+ "; avoid them in your next streams."));
			}
		});
		LocalDate from = runDate.minusDays(ladder.warningScoreDays() - 1L);
		int sessions = 0;
		long total = 0;
		for (ScoredSession session : this.recentSessions) {
			if (!session.businessDate().isBefore(from) && !session.businessDate().isAfter(runDate)) {
				sessions++;
				total += session.contentScore();
			}
		}
		if (sessions >= ladder.warningMinSessions() && total < (long) ladder.warningMinAverageScore() * sessions) {
			warnings.add(new Warning(Warning.LOW_CONTENT_SCORE,
					"Average content score " + (total / sessions) + " over your last " + sessions + " sessions ("
							+ ladder.warningScoreDays() + " days) is under " + ladder.warningMinAverageScore()
							+ ". Stay on camera, answer comments, show every listed product and keep the stream sharp;"
							+ " a session under the low-quality line earns violation points."));
		}
		return warnings;
	}

	static String describe(Ladder.Step step) {
		return step.isPermanent() ? "a permanent suspension from live posting"
				: "a " + step.days() + "-day live posting ban";
	}

}
