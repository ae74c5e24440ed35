package io.liveguard.engine.penalty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.liveguard.engine.scoring.Severity;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ladder of policy-default.md section 3, run after run, without a database. */
class SellerRecordTests {

	private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

	private static final Ladder QUARTERLY = new Ladder(
			List.of(new Ladder.Step(PenaltyLevel.BAN_3D, 6, 3), new Ladder.Step(PenaltyLevel.BAN_7D, 9, 7),
					new Ladder.Step(PenaltyLevel.BAN_30D, 12, 30), new Ladder.Step(PenaltyLevel.PERMANENT, 15, null)),
			PenaltyLevel.PERMANENT, PointsExpiry.QUARTERLY, 90, 2, 60, 3, 30, 30);

	private static final Ladder ROLLING = new Ladder(QUARTERLY.steps(), PenaltyLevel.PERMANENT,
			PointsExpiry.ROLLING_DAYS, 90, 2, 60, 3, 30, 30);

	@Test
	void walksUpTheWholeLadderAcrossAQuarterAndBackDownThroughAnAppeal() {
		Seller seller = new Seller(QUARTERLY);
		// week 1: 6 points -> 3-day ban from the next day, 00:00 market time
		seller.earn("w1", "UNVERIFIED_HOST", Severity.SEVERE, 6, "2026-11-30");
		Penalty first = seller.run("2026-11-30").penalty();
		assertThat(first.level()).isEqualTo(PenaltyLevel.BAN_3D);
		assertThat(first.startsAt()).isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
		assertThat(first.endsAt()).isEqualTo(Instant.parse("2026-12-03T17:00:00Z"));
		// a run the next day decides nothing new: points stay in the band
		assertThat(seller.run("2026-12-01").penalty()).isNull();
		// week 2: 9 points -> 7 days; week 3: 12 -> 30 days; week 4: 15 -> permanent
		seller.earn("w2", "VULGAR_CONTENT", Severity.MODERATE, 3, "2026-12-07");
		assertThat(seller.run("2026-12-07").penalty().level()).isEqualTo(PenaltyLevel.BAN_7D);
		seller.earn("w3", "NO_LIVE_HOST", Severity.MODERATE, 3, "2026-12-14");
		assertThat(seller.run("2026-12-14").penalty().level()).isEqualTo(PenaltyLevel.BAN_30D);
		seller.earn("w4", "OFF_PLATFORM_REDIRECT", Severity.MODERATE, 3, "2026-12-21");
		Penalty permanent = seller.run("2026-12-21").penalty();
		assertThat(permanent.level()).isEqualTo(PenaltyLevel.PERMANENT);
		assertThat(permanent.endsAt()).isNull();
		assertThat(permanent.reasons()).extracting(PointEntry.Reason::points).containsExactly(6, 3, 3, 3);
		// the quarter turns: points reset to 0, the reached level drops, the permanent
		// suspension stays
		SellerDecision newQuarter = seller.run("2027-01-01");
		assertThat(newQuarter.activePoints()).isZero();
		assertThat(newQuarter.reachedLevel()).isNull();
		assertThat(newQuarter.lifted()).isEmpty();
		assertThat(seller.blocking("2027-03-01T00:00:00Z")).map(Penalty::level).contains(PenaltyLevel.PERMANENT);
		// an analyst overturns the week-4 finding: the permanent no longer reaches 15 and
		// is lifted
		seller.overturn("w4", "OFF_PLATFORM_REDIRECT");
		SellerDecision afterAppeal = seller.run("2027-01-05");
		assertThat(afterAppeal.lifted()).containsExactly(permanent.penaltyId());
		// the 30-day ban of week 3 still runs to 2027-01-14 00:00 market time, then the
		// seller may go live
		assertThat(seller.blocking("2027-01-10T00:00:00Z")).map(Penalty::level).contains(PenaltyLevel.BAN_30D);
		assertThat(seller.blocking("2027-01-13T17:00:00Z")).isEmpty();
	}

	@Test
	void crossingSeveralThresholdsInOneRunDecidesOnlyTheHighest() {
		Seller seller = new Seller(QUARTERLY);
		seller.earn("s1", "UNVERIFIED_HOST", Severity.SEVERE, 6, "2026-11-20");
		seller.earn("s2", "FALSE_ORIGIN", Severity.SEVERE, 6, "2026-11-20");

		SellerDecision decision = seller.run("2026-11-20");

		assertThat(decision.penalty().level()).isEqualTo(PenaltyLevel.BAN_30D);
		assertThat(seller.penalties).hasSize(1);
	}

	@Test
	void aCriticalViolationSuspendsPermanentlyWhateverThePoints() {
		Seller seller = new Seller(QUARTERLY);
		seller.earn("s1", "MINOR_ALONE", Severity.CRITICAL, 1, "2026-11-20");

		Penalty penalty = seller.run("2026-11-20").penalty();

		assertThat(penalty.level()).isEqualTo(PenaltyLevel.PERMANENT);
		assertThat(penalty.critical()).isTrue();
		seller.overturn("s1", "MINOR_ALONE");
		assertThat(seller.run("2026-11-21").lifted()).containsExactly(penalty.penaltyId());
	}

	@Test
	void pointsThatFallNeverBanAndPointsThatRiseAgainBanFromTheDroppedLevel() {
		Seller seller = new Seller(QUARTERLY);
		seller.earn("s1", "UNVERIFIED_HOST", Severity.SEVERE, 6, "2026-12-20");
		seller.earn("s2", "VULGAR_CONTENT", Severity.MODERATE, 3, "2026-12-20");
		assertThat(seller.run("2026-12-20").penalty().level()).isEqualTo(PenaltyLevel.BAN_7D);
		assertThat(seller.run("2027-01-01").penalty()).isNull();
		seller.earn("s3", "UNVERIFIED_HOST", Severity.SEVERE, 6, "2027-01-10");

		Penalty again = seller.run("2027-01-10").penalty();

		assertThat(again.level()).isEqualTo(PenaltyLevel.BAN_3D);
	}

	@Test
	void rollingPointsExpireNinetyDaysAfterTheirSession() {
		Seller seller = new Seller(ROLLING);
		seller.earn("s1", "UNVERIFIED_HOST", Severity.SEVERE, 6, "2026-10-01");

		assertThat(seller.run("2026-10-01").activePoints()).isEqualTo(6);
		assertThat(seller.run("2026-12-29").activePoints()).isEqualTo(6);
		assertThat(seller.run("2026-12-30").activePoints()).isZero();
		assertThat(ROLLING.expiresOn(LocalDate.parse("2026-10-01"))).isEqualTo(LocalDate.parse("2026-12-29"));
		assertThat(QUARTERLY.expiresOn(LocalDate.parse("2026-11-20"))).isEqualTo(LocalDate.parse("2026-12-31"));
	}

	@Test
	void aRunForADateAlreadyDecidedDecidesNothing() {
		Seller seller = new Seller(QUARTERLY);
		seller.earn("s1", "UNVERIFIED_HOST", Severity.SEVERE, 6, "2026-11-20");
		seller.run("2026-11-20");

		assertThat(seller.run("2026-11-20").alreadyDecided()).isTrue();
		assertThat(seller.run("2026-11-19").alreadyDecided()).isTrue();
		assertThat(seller.penalties).hasSize(1);
	}

	@Test
	void warnsWithinTwoPointsOfTheNextThreshold() {
		Seller seller = new Seller(QUARTERLY);
		seller.earn("s1", "NO_LIVE_HOST", Severity.MODERATE, 3, "2026-11-20");
		assertThat(seller.run("2026-11-20").warnings()).isEmpty();
		seller.earn("s2", "LOW_QUALITY_SESSION", Severity.MINOR, 1, "2026-11-21");

		List<Warning> warnings = seller.run("2026-11-21").warnings();

		assertThat(warnings).singleElement().satisfies((warning) -> {
			assertThat(warning.code()).isEqualTo(Warning.NEAR_THRESHOLD);
			assertThat(warning.message()).contains("2 more", "3-day", "at 6 points", "LOW_QUALITY_SESSION",
					"NO_LIVE_HOST");
		});
	}

	@Test
	void warnsAboutALowAverageContentScoreOverAtLeastThreeSessions() {
		Seller seller = new Seller(QUARTERLY);
		seller.sessions.add(new ScoredSession("a", LocalDate.parse("2026-11-01"), 50));
		seller.sessions.add(new ScoredSession("b", LocalDate.parse("2026-11-10"), 55));
		assertThat(seller.run("2026-11-10").warnings()).isEmpty();
		seller.sessions.add(new ScoredSession("c", LocalDate.parse("2026-11-20"), 70));

		assertThat(seller.run("2026-11-20").warnings()).extracting(Warning::code)
			.containsExactly(Warning.LOW_CONTENT_SCORE);
		// a month later the first two sessions are out of the 30-day window
		assertThat(seller.run("2026-12-05").warnings()).isEmpty();
	}

	/** A seller as the penalty run sees it, with what each run stored. */
	private static final class Seller {

		private final Ladder ladder;

		private final List<PointEntry> points = new ArrayList<>();

		private final List<Penalty> penalties = new ArrayList<>();

		private final List<ScoredSession> sessions = new ArrayList<>();

		private final Set<String> overturned = new HashSet<>();

		private @Nullable PenaltyLevel reached;

		private @Nullable LocalDate lastRun;

		private int runs;

		Seller(Ladder ladder) {
			this.ladder = ladder;
		}

		void earn(String sessionId, String code, Severity severity, int points, String date) {
			this.points.add(new PointEntry(sessionId, code, severity, points, LocalDate.parse(date), false));
		}

		void overturn(String sessionId, String code) {
			this.overturned.add(SellerRecord.key(sessionId, code));
		}

		SellerDecision run(String date) {
			SellerRecord record = new SellerRecord("shop", this.points, this.penalties, this.sessions, this.overturned,
					this.reached, this.lastRun);
			this.runs++;
			SellerDecision decision = record.decide(LocalDate.parse(date), VN, this.ladder, this.runs, "p" + this.runs);
			if (decision.alreadyDecided()) {
				return decision;
			}
			if (decision.penalty() != null) {
				this.penalties.add(decision.penalty());
			}
			for (String id : decision.lifted()) {
				this.penalties
					.replaceAll((p) -> p.penaltyId().equals(id)
							? new Penalty(p.penaltyId(), p.sellerId(), p.level(), p.startsAt(), p.endsAt(), true,
									p.thresholdPoints(), p.critical(), p.decidedByRun(), p.decidedFor(), p.reasons())
							: p);
			}
			this.reached = decision.reachedLevel();
			this.lastRun = decision.runDate();
			return decision;
		}

		java.util.Optional<Penalty> blocking(String at) {
			Instant instant = Instant.parse(at);
			return this.penalties.stream().filter((p) -> p.covers(instant)).findFirst();
		}

	}

}
