package io.liveguard.rules;

import java.time.Instant;
import java.util.List;

import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.live.SignalBatch;
import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.Signal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.liveguard.rules.LiveScript.SKU;
import static io.liveguard.rules.LiveScript.absent;
import static io.liveguard.rules.LiveScript.deadAir;
import static io.liveguard.rules.LiveScript.flag;
import static io.liveguard.rules.LiveScript.live;
import static io.liveguard.rules.LiveScript.min;
import static io.liveguard.rules.LiveScript.product;
import static io.liveguard.rules.LiveScript.quality;
import static io.liveguard.rules.LiveScript.report;
import static io.liveguard.rules.LiveScript.say;
import static io.liveguard.rules.LiveScript.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Policy-default.md section 4 during the live: every row firing and not firing at the
 * edges of its windows and thresholds, the strike ladder, repeats, reminders, ordering,
 * late and duplicate signals. The live is {@link LiveScript}'s: one general product shown
 * at minute 1 unless a test says otherwise.
 */
class LiveRulesTests {

	/**
	 * The signals, each a request of its own, after the product was shown at minute 1.
	 */
	private static List<Action> decide(Signal... signals) {
		LiveScript script = live();
		try (LiveDecider live = script.open()) {
			script.send(live, shown(min(1), SKU));
			return script.sendEach(live, signals);
		}
	}

	private static List<String> codes(List<Action> actions) {
		return actions.stream().map(Action::code).toList();
	}

	@Nested
	class Violations {

		@ParameterizedTest
		@CsvSource({ "VULGAR_LANGUAGE, VULGAR_CONTENT, MODERATE", "INDECENT_ATTIRE, VULGAR_CONTENT, MODERATE",
				"STATIC_IMAGE, NO_LIVE_HOST, MODERATE", "PRERECORDED_CONTENT, NO_LIVE_HOST, MODERATE",
				"OFF_PLATFORM_REDIRECT, OFF_PLATFORM_REDIRECT, MODERATE", "FAKE_ENGAGEMENT, FAKE_ENGAGEMENT, SEVERE",
				"DANGEROUS_ACT, DANGEROUS_ACT, SEVERE", "MISLEADING_CLAIM, MISLEADING_HEALTH_CLAIM, SEVERE",
				"COUNTERFEIT, PROHIBITED_PRODUCT, CRITICAL", "MINOR_ALONE, MINOR_ALONE, CRITICAL" })
		void aFlagAtTheMinimumConfidenceCounts(ModerationCode flag, String code, Severity severity) {
			List<Action> actions = decide(flag(min(3), flag, 0.8));

			assertThat(actions).extracting(Action::code, Action::severity).containsExactly(tuple(code, severity));
		}

		@ParameterizedTest
		@CsvSource({ "VULGAR_LANGUAGE", "STATIC_IMAGE", "OFF_PLATFORM_REDIRECT", "FAKE_ENGAGEMENT", "DANGEROUS_ACT",
				"MISLEADING_CLAIM", "COUNTERFEIT", "MINOR_ALONE" })
		void aFlagJustUnderTheMinimumConfidenceDoesNot(ModerationCode flag) {
			assertThat(decide(flag(min(3), flag, 0.79))).isEmpty();
		}

		@Test
		void anOffPlatformPhraseWithoutDiacriticsCounts() {
			List<Action> actions = decide(say(min(3), "chuyen khoan cho shop nhe ca nha"));

			assertThat(actions).extracting(Action::code).containsExactly("OFF_PLATFORM_REDIRECT");
			assertThat(actions.get(0).evidence()).extracting(Evidence::signalType).containsExactly("TRANSCRIPT");
		}

		@Test
		void ordinaryTalkCountsForNothing() {
			assertThat(decide(say(min(3), "Đây là gạo ST25, hàng mới về"))).isEmpty();
		}

		@Test
		void aCureClaimCountsWhileNoProductOfTheLiveIsADrug() {
			assertThat(codes(decide(say(min(3), "Uống cái này là chữa khỏi tiểu đường"))))
				.containsExactly("MISLEADING_HEALTH_CLAIM");
		}

		@Test
		void aCureClaimCountsForNothingWhenAProductOfTheLiveIsADrug() {
			LiveScript script = live().products(product(SKU, ProductCategory.GENERAL),
					product("thuoc-1", ProductCategory.DRUG));
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU), shown(min(1), "thuoc-1"));

				assertThat(script.send(live, say(min(3), "thuốc này điều trị cảm cúm")).actions()).isEmpty();
			}
		}

	}

	@Nested
	class ViewerComplaints {

		@Test
		void theFifthReportWithinFiveMinutesInclusiveCountsWhenNoViewersWereSent() {
			List<Action> actions = decide(report(min(2)), report(min(3)), report(min(4)), report(min(5)),
					report(min(7)));

			assertThat(actions).extracting(Action::code, Action::severity, Action::level)
				.containsExactly(tuple("VIEWER_COMPLAINTS", Severity.MINOR, ActionLevel.REMIND));
			assertThat(actions.get(0).evidence()).hasSize(5);
		}

		@Test
		void theFifthReportJustOverFiveMinutesAfterTheFirstCountsForNothing() {
			assertThat(decide(report(min(2)), report(min(3)), report(min(4)), report(min(5)),
					report(min(2).plusMillis(300_001))))
				.isEmpty();
		}

		@ParameterizedTest
		@CsvSource({ "1000, true", "1001, false", "0, true" })
		void fiveReportsCountForAtMostTwoHundredViewersEach(long viewers, boolean counts) {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, viewers, shown(min(1), SKU));
				List<Action> actions = script.sendEach(live, report(min(2)), report(min(2)), report(min(2)),
						report(min(2)), report(min(2)));

				assertThat(actions).hasSize(counts ? 1 : 0);
			}
		}

		@Test
		void theLatestViewersCount() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, 5000L, shown(min(1), SKU));
				script.sendEach(live, report(min(2)), report(min(2)), report(min(2)), report(min(2)));

				assertThat(script.send(live, 1000L, report(min(2))).actions()).hasSize(1);
			}
		}

	}

	@Nested
	class Ladder {

		@Test
		void oneStrikeRemindsTwoWarnThreeStop() {
			List<Action> actions = decide(report(min(2)), report(min(2)), report(min(2)), report(min(2)),
					report(min(2)), flag(min(3), ModerationCode.VULGAR_LANGUAGE), say(min(4), "ib zalo nha"));

			assertThat(actions).extracting(Action::actionId, Action::level, Action::code, Action::strikes)
				.containsExactly(tuple("vn-live-test-1:1", ActionLevel.REMIND, "VIEWER_COMPLAINTS", 1),
						tuple("vn-live-test-1:2", ActionLevel.WARN, "VULGAR_CONTENT", 2),
						tuple("vn-live-test-1:3", ActionLevel.STOP, "OFF_PLATFORM_REDIRECT", 3));
		}

		@Test
		void aSevereViolationAddsTwoStrikes() {
			List<Action> actions = decide(flag(min(3), ModerationCode.DANGEROUS_ACT),
					flag(min(4), ModerationCode.FAKE_ENGAGEMENT));

			assertThat(actions).extracting(Action::level, Action::strikes)
				.containsExactly(tuple(ActionLevel.WARN, 2), tuple(ActionLevel.STOP, 4));
		}

		@Test
		void aCriticalViolationStopsAtOnceWithoutStrikes() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU));
				SignalBatch batch = script.send(live, flag(min(3), ModerationCode.MINOR_ALONE));

				assertThat(batch.actions()).extracting(Action::level, Action::strikes)
					.containsExactly(tuple(ActionLevel.STOP, 0));
				assertThat(batch.status()).isEqualTo(LiveStatus.STOPPED);
				assertThat(live.status()).isEqualTo(LiveStatus.STOPPED);
			}
		}

		@Test
		void afterAStopSignalsAreAcceptedButDecideNothing() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU), flag(min(2), ModerationCode.COUNTERFEIT));
				SignalBatch after = script.send(live, flag(min(3), ModerationCode.MINOR_ALONE),
						flag(min(20), ModerationCode.DANGEROUS_ACT));

				assertThat(after.accepted()).isEqualTo(2);
				assertThat(after.actions()).isEmpty();
				assertThat(after.status()).isEqualTo(LiveStatus.STOPPED);
			}
		}

		@Test
		void aRepeatWithinFiveMinutesInclusiveAddsNoStrikeAndNoAction() {
			assertThat(
					decide(flag(min(3), ModerationCode.VULGAR_LANGUAGE), flag(min(8), ModerationCode.INDECENT_ATTIRE)))
				.extracting(Action::strikes)
				.containsExactly(1);
		}

		@Test
		void aRepeatJustOverFiveMinutesLaterCountsAgain() {
			assertThat(decide(flag(min(3), ModerationCode.VULGAR_LANGUAGE),
					flag(min(8).plusMillis(1), ModerationCode.VULGAR_LANGUAGE)))
				.extracting(Action::level, Action::strikes)
				.containsExactly(tuple(ActionLevel.REMIND, 1), tuple(ActionLevel.WARN, 2));
		}

		@Test
		void aRepeatCountsFromTheSignalThatLastCountedNotFromTheLastRepeat() {
			assertThat(decide(flag(min(3), ModerationCode.VULGAR_LANGUAGE),
					flag(min(7), ModerationCode.VULGAR_LANGUAGE), flag(min(9), ModerationCode.VULGAR_LANGUAGE)))
				.extracting(Action::at)
				.containsExactly(min(3), min(9));
		}

		@Test
		void oneSignalCountsForItsCodesHighestSeverityFirstEachAddingItsStrikes() {
			List<Action> actions = decide(say(min(3), "uống là khỏi bệnh, ib zalo shop nhé"));

			assertThat(actions).extracting(Action::code, Action::level, Action::strikes)
				.containsExactly(tuple("MISLEADING_HEALTH_CLAIM", ActionLevel.WARN, 2),
						tuple("OFF_PLATFORM_REDIRECT", ActionLevel.STOP, 3));
		}

		@Test
		void nothingIsDecidedAfterAStopOnTheSameSignal() {
			List<Action> actions = decide(flag(min(2), ModerationCode.VULGAR_LANGUAGE),
					say(min(3), "uống là khỏi bệnh, ib zalo shop nhé"));

			assertThat(actions).extracting(Action::code, Action::level)
				.containsExactly(tuple("VULGAR_CONTENT", ActionLevel.REMIND),
						tuple("MISLEADING_HEALTH_CLAIM", ActionLevel.STOP));
		}

	}

	@Nested
	class Reminders {

		@ParameterizedTest
		@CsvSource({ "300, 1", "299, 0" })
		void hostAbsentForFiveMinutesReminds(long seconds, int reminders) {
			List<Action> actions = decide(absent(min(3), seconds));

			assertThat(actions).hasSize(reminders)
				.allSatisfy((action) -> assertThat(action)
					.extracting(Action::code, Action::level, Action::severity, Action::strikes)
					.containsExactly("NO_HOST_ON_CAMERA", ActionLevel.REMIND, Severity.INFO, 0));
		}

		@ParameterizedTest
		@CsvSource({ "180, 1", "179, 0" })
		void deadAirForThreeMinutesReminds(long seconds, int reminders) {
			assertThat(codes(decide(deadAir(min(3), seconds)))).hasSize(reminders).allMatch("DEAD_AIR"::equals);
		}

		@Test
		void threeLowSamplesWithinTwoMinutesInclusiveRemind() {
			List<Action> actions = decide(quality(min(3), 360), quality(min(4), 479), quality(min(5), 240));

			assertThat(codes(actions)).containsExactly("POOR_STREAM");
			assertThat(actions.get(0).evidence()).hasSize(3);
		}

		@Test
		void threeLowSamplesSpreadJustOverTwoMinutesDoNot() {
			assertThat(decide(quality(min(3), 360), quality(min(4), 360), quality(min(5).plusMillis(1), 360)))
				.isEmpty();
		}

		@Test
		void samplesAt480pAreNotLow() {
			assertThat(decide(quality(min(3), 360), quality(min(4), 480), quality(min(5), 360))).isEmpty();
		}

		@Test
		void aReminderCodeRemindsAtMostOncePerTenMinutes() {
			assertThat(decide(deadAir(min(3), 200), deadAir(min(13), 200), deadAir(min(13).plusMillis(1), 200)))
				.extracting(Action::at)
				.containsExactly(min(3), min(13).plusMillis(1));
		}

		@Test
		void aProductShownAtTheDeadlineCountsAsShown() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				assertThat(script.sendEach(live, shown(min(10), SKU), say(min(11), "cảm ơn cả nhà"))).isEmpty();
			}
		}

		@Test
		void theFirstSignalPastTheDeadlineRemindsOfEveryProductNotShownAndNotBlocked() {
			LiveScript script = live().products(product("a", ProductCategory.GENERAL),
					product("b", ProductCategory.GENERAL), product("c", ProductCategory.GENERAL),
					new io.liveguard.engine.session.Product("blocked", ProductCategory.DRUG, null, "VN", "VN", 1, 1));
			try (LiveDecider live = script.open()) {
				assertThat(script.sendEach(live, shown(min(2), "b"), say(min(10), "vẫn đúng hạn"))).isEmpty();
				List<Action> actions = script.sendEach(live, say(min(10).plusMillis(1), "quá hạn"),
						say(min(25), "sau nữa"));

				assertThat(actions).extracting(Action::code, Action::at)
					.containsExactly(tuple("PRODUCT_NOT_SHOWN", min(10).plusMillis(1)));
				assertThat(actions.get(0).evidence()).extracting(Evidence::detail).containsExactly("a", "c");
			}
		}

		@Test
		void aProductShownAfterTheDeadlineWasNotShownInTime() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				assertThat(script.sendEach(live, shown(min(10).plusMillis(1), SKU))).extracting(Action::code)
					.containsExactly("PRODUCT_NOT_SHOWN");
			}
		}

		@Test
		void reminderCodesOfOneSignalAreTakenByCodeName() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				assertThat(script.sendEach(live, deadAir(min(11), 200))).extracting(Action::code)
					.containsExactly("DEAD_AIR", "PRODUCT_NOT_SHOWN");
			}
		}

	}

	@Nested
	class Arrival {

		@Test
		void aSignalMoreThanTwoMinutesOlderThanTheNewestIsLateAndDecidesNothing() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU), say(min(6), "xin chào"));
				SignalBatch late = script.send(live, flag(min(4).minusMillis(1), ModerationCode.DANGEROUS_ACT));
				SignalBatch onTime = script.send(live, flag(min(4), ModerationCode.DANGEROUS_ACT));

				assertThat(late.late()).isEqualTo(1);
				assertThat(late.accepted()).isEqualTo(1);
				assertThat(late.actions()).isEmpty();
				assertThat(onTime.late()).isZero();
				assertThat(onTime.actions()).extracting(Action::code).containsExactly("DANGEROUS_ACT");
				assertThat(live.late()).isEqualTo(1);
			}
		}

		@Test
		void aSeqReceivedBeforeIsADuplicateWhateverItsContent() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU));
				SignalBatch batch = live
					.decide(List.of(new SequencedSignal(1, flag(min(2), ModerationCode.MINOR_ALONE)),
							new SequencedSignal(2, say(min(2), "xin chào")),
							new SequencedSignal(2, say(min(2), "lại"))), null, Instant.EPOCH);

				assertThat(batch.duplicates()).isEqualTo(2);
				assertThat(batch.accepted()).isEqualTo(1);
				assertThat(batch.actions()).isEmpty();
				assertThat(live.duplicates()).isEqualTo(2);
			}
		}

		@Test
		void aRequestsSignalsAreTakenInAtOrder() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU));
				SignalBatch batch = script.send(live, flag(min(3), ModerationCode.FAKE_ENGAGEMENT),
						flag(min(2), ModerationCode.VULGAR_LANGUAGE));

				assertThat(batch.actions()).extracting(Action::code, Action::level)
					.containsExactly(tuple("VULGAR_CONTENT", ActionLevel.REMIND),
							tuple("FAKE_ENGAGEMENT", ActionLevel.STOP));
			}
		}

	}

	@Nested
	class TheAction {

		@Test
		void carriesItsSnapshotMessageRuleAndEvidence() {
			Action action = decide(flag(min(5), ModerationCode.VULGAR_LANGUAGE)).get(0);

			assertThat(action.liveId()).isEqualTo("vn-live-test-1");
			assertThat(action.snapshot().from()).isEqualTo(min(4));
			assertThat(action.snapshot().to()).isEqualTo(min(6));
			assertThat(action.message().language()).isEqualTo("vi");
			assertThat(action.message().text()).isEqualTo("Nhắc nhở: Không được dùng ngôn từ hoặc trang phục phản cảm");
			assertThat(action.message().english())
				.isEqualTo("Reminder: Vulgar language or indecent attire is not allowed");
			assertThat(action.rule()).isEqualTo("VULGAR_CONTENT: vulgar language or indecent attire flagged");
			assertThat(action.evidence()).extracting(Evidence::at, Evidence::signalType)
				.containsExactly(tuple(min(5), "MODERATION_FLAG"));
		}

		@Test
		void itsSnapshotDoesNotStartBeforeTheLive() {
			Action action = decide(flag(min(0.5), ModerationCode.VULGAR_LANGUAGE)).get(0);

			assertThat(action.snapshot().from()).isEqualTo(LiveScript.START);
			assertThat(action.snapshot().to()).isEqualTo(min(1.5));
		}

		@Test
		void keepsLittleInMemory() {
			LiveScript script = live();
			try (LiveDecider live = script.open()) {
				script.send(live, shown(min(1), SKU));
				for (int second = 70; second < 3600; second += 3) {
					script.send(live, (second % 9 == 0) ? quality(min(second / 60.0), 720)
							: say(min(second / 60.0), "xin chào cả nhà"));
				}
				script.send(live, report(min(61)));

				// the settings, the state, the product and the one report a later window
				// may count
				assertThat(live.factCount()).isEqualTo(4);
			}
		}

	}

}
