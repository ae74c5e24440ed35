package io.liveguard.engine.penalty;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.liveguard.engine.rulepack.PackSettings;
import org.jspecify.annotations.Nullable;

/**
 * The penalty ladder of a rule pack: thresholds, ban lengths, how points expire and when
 * sellers are warned. Read from the pack's settings ({@code ladder.*}), so analysts
 * change it without a release.
 *
 * @param steps the levels with their point thresholds, lowest threshold first
 * @param criticalLevel the level a CRITICAL violation brings whatever the points
 * @param expiry how points stop counting
 * @param rollingDays with {@link PointsExpiry#ROLLING_DAYS}, how long points count
 * @param warningMargin warn a seller this many points or fewer below the next threshold
 * @param warningMinAverageScore warn a seller whose average content score is under this
 * @param warningMinSessions ... over at least this many sessions
 * @param warningScoreDays ... of the last this many days
 * @param appealWindowDays how long after its session a finding may be appealed
 */
public record Ladder(List<Step> steps, PenaltyLevel criticalLevel, PointsExpiry expiry, int rollingDays,
		int warningMargin, int warningMinAverageScore, int warningMinSessions, int warningScoreDays,
		int appealWindowDays) {

	public Ladder {
		steps = steps.stream().sorted(Comparator.comparingInt(Step::minPoints)).toList();
	}

	/** Reads the {@code ladder.*} settings of a pack. */
	public static Ladder from(PackSettings settings) {
		List<Step> steps = new ArrayList<>();
		for (PenaltyLevel level : PenaltyLevel.values()) {
			String prefix = "ladder." + level.name() + ".";
			if (settings.has(prefix + "minPoints")) {
				Integer days = settings.has(prefix + "days") ? (int) settings.num(prefix + "days") : null;
				if (days == null && level != PenaltyLevel.PERMANENT) {
					throw new IllegalArgumentException("pack setting " + prefix + "days is missing");
				}
				steps.add(new Step(level, (int) settings.num(prefix + "minPoints"), days));
			}
		}
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("the pack defines no ladder.<LEVEL>.minPoints settings");
		}
		return new Ladder(steps, PenaltyLevel.valueOf(settings.text("ladder.critical.level").toUpperCase(Locale.ROOT)),
				PointsExpiry.valueOf(settings.text("ladder.expiry").toUpperCase(Locale.ROOT)),
				(int) settings.num("ladder.expiry.rollingDays"), (int) settings.num("ladder.warning.margin"),
				(int) settings.num("ladder.warning.minAverageContentScore"),
				(int) settings.num("ladder.warning.minSessions"), (int) settings.num("ladder.warning.days"),
				(int) settings.num("appeal.windowDays"));
	}

	/** Whether points earned on {@code earnedOn} still count on {@code date}. */
	public boolean counts(LocalDate earnedOn, LocalDate date) {
		if (earnedOn.isAfter(date)) {
			return false;
		}
		return switch (this.expiry) {
			case QUARTERLY -> earnedOn.getYear() == date.getYear()
					&& earnedOn.get(IsoFields.QUARTER_OF_YEAR) == date.get(IsoFields.QUARTER_OF_YEAR);
			case ROLLING_DAYS -> ChronoUnit.DAYS.between(earnedOn, date) < this.rollingDays;
		};
	}

	/** The last day points earned on {@code earnedOn} count. */
	public LocalDate expiresOn(LocalDate earnedOn) {
		return switch (this.expiry) {
			case QUARTERLY -> earnedOn.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3).minusDays(1);
			case ROLLING_DAYS -> earnedOn.plusDays(this.rollingDays - 1L);
		};
	}

	/**
	 * The earliest business date whose points or content scores a run for {@code date}
	 * may look at.
	 */
	public LocalDate windowStart(LocalDate date) {
		LocalDate points = switch (this.expiry) {
			case QUARTERLY -> date.with(IsoFields.DAY_OF_QUARTER, 1);
			case ROLLING_DAYS -> date.minusDays(this.rollingDays - 1L);
		};
		LocalDate scores = date.minusDays(this.warningScoreDays - 1L);
		return points.isBefore(scores) ? points : scores;
	}

	/**
	 * The highest level the points reach, raised to the critical level when a CRITICAL
	 * violation counts.
	 */
	public Optional<PenaltyLevel> levelFor(int points, boolean critical) {
		PenaltyLevel reached = null;
		for (Step step : this.steps) {
			if (points >= step.minPoints()) {
				reached = step.level();
			}
		}
		if (critical && (reached == null || this.criticalLevel.isAbove(reached))) {
			reached = this.criticalLevel;
		}
		return Optional.ofNullable(reached);
	}

	/** The lowest step whose threshold is above {@code points}, if any. */
	public Optional<Step> nextStep(int points) {
		return this.steps.stream().filter((step) -> step.minPoints() > points).findFirst();
	}

	public Step step(PenaltyLevel level) {
		return this.steps.stream()
			.filter((step) -> step.level() == level)
			.findFirst()
			.orElseGet(() -> new Step(level, Integer.MAX_VALUE, null));
	}

	/**
	 * One rung of the ladder.
	 *
	 * @param level the penalty
	 * @param minPoints active points at or above which it applies
	 * @param days its length, or null when permanent
	 */
	public record Step(PenaltyLevel level, int minPoints, @Nullable Integer days) {

		public boolean isPermanent() {
			return this.days == null;
		}

	}

}
