package io.liveguard.rules;

import java.time.Duration;
import java.time.Instant;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.ProductCategory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.liveguard.rules.DefaultPack.codes;
import static io.liveguard.rules.DefaultPack.finding;
import static io.liveguard.rules.DefaultPack.score;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 1 of the default policy: the content score's quality findings, at their
 * boundaries.
 */
class QualityRulesTests {

	@Test
	void findsNothingInTheCleanBaseline() {
		ScoreCard card = score(Sessions.clean());

		assertThat(card.findings()).isEmpty();
		assertThat(card.contentScore()).isEqualTo(100);
		assertThat(card.violationPoints()).isZero();
	}

	@Nested
	class ShortSession {

		@Test
		void firesForASessionOf14Minutes59Seconds() {
			ScoreCard card = score(Sessions.clean().lasting(Duration.ofSeconds(14 * 60 + 59)));

			Finding finding = finding(card, "SHORT_SESSION");
			assertThat(finding.kind()).isEqualTo(FindingKind.QUALITY);
			assertThat(finding.severity()).isEqualTo(Severity.INFO);
			assertThat(finding.scoreDelta()).isEqualTo(-10);
			assertThat(finding.points()).isZero();
			assertThat(finding.rule()).isEqualTo("SHORT_SESSION: the session lasted under the minimum length");
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("SESSION");
				assertThat(evidence.at()).isEqualTo(Sessions.START);
				assertThat(evidence.detail()).contains("14 min 59 s");
			});
			assertThat(card.contentScore()).isEqualTo(90);
		}

		@Test
		void doesNotFireForASessionOfExactly15Minutes() {
			assertThat(codes(score(Sessions.clean().lasting(Duration.ofMinutes(15))))).isEmpty();
		}

		@Test
		void firesForASessionHalfASecondShortOf15MinutesThatStartsOnAFraction() {
			Instant start = Instant.parse("2026-11-20T12:00:00.600Z");

			ScoreCard card = score(Sessions.startingAt(start).lasting(Duration.ofMinutes(15).minusMillis(500)));

			assertThat(codes(card)).containsExactly("SHORT_SESSION");
		}

	}

	@Nested
	class HostAbsent {

		@Test
		void firesWhenHostAbsentForJustOverTenPercent() {
			ScoreCard card = score(Sessions.clean().hostAbsent(361));

			Finding finding = finding(card, "HOST_ABSENT");
			assertThat(finding.scoreDelta()).isEqualTo(-15);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("HOST_ABSENT");
				assertThat(evidence.detail()).contains("361 s");
			});
			assertThat(card.contentScore()).isEqualTo(85);
		}

		@Test
		void doesNotFireWhenHostAbsentForExactlyTenPercent() {
			assertThat(codes(score(Sessions.clean().hostAbsent(360)))).isEmpty();
		}

		@Test
		void addsUpEveryAbsenceAndCitesThemAll() {
			ScoreCard card = score(Sessions.clean().hostAbsent(200).hostAbsent(161));

			assertThat(finding(card, "HOST_ABSENT").evidence()).extracting(Evidence::signalType)
				.containsExactly("HOST_ABSENT", "HOST_ABSENT");
		}

		@Test
		void doesNotFireWhenAbsencesAddUpToTenPercent() {
			assertThat(codes(score(Sessions.clean().hostAbsent(200).hostAbsent(160)))).isEmpty();
		}

		@Test
		void measuresTheShareAgainstTheExactLengthOfTheSession() {
			// 360 s of 3599.5 s is just over 10%
			Instant start = Instant.parse("2026-11-20T12:00:00.600Z");

			ScoreCard card = score(
					Sessions.startingAt(start).lasting(Duration.ofMinutes(60).minusMillis(500)).hostAbsent(360));

			assertThat(codes(card)).containsExactly("HOST_ABSENT");
		}

	}

	@Nested
	class DeadAir {

		@Test
		void firesWhenDeadAirIsJustOverFivePercent() {
			ScoreCard card = score(Sessions.clean().deadAir(181));

			Finding finding = finding(card, "DEAD_AIR");
			assertThat(finding.scoreDelta()).isEqualTo(-10);
			assertThat(finding.evidence()).singleElement()
				.satisfies((evidence) -> assertThat(evidence.signalType()).isEqualTo("DEAD_AIR"));
			assertThat(card.contentScore()).isEqualTo(90);
		}

		@Test
		void doesNotFireWhenDeadAirIsExactlyFivePercent() {
			assertThat(codes(score(Sessions.clean().deadAir(180)))).isEmpty();
		}

		@Test
		void addsUpEverySilence() {
			ScoreCard card = score(Sessions.clean().deadAir(90).deadAir(91));

			assertThat(finding(card, "DEAD_AIR").evidence()).hasSize(2);
		}

		@Test
		void scalesWithTheLengthOfTheSession() {
			assertThat(codes(score(Sessions.clean().lasting(Duration.ofMinutes(20)).deadAir(61))))
				.containsExactly("DEAD_AIR");
			assertThat(codes(score(Sessions.clean().lasting(Duration.ofMinutes(20)).deadAir(60)))).isEmpty();
		}

	}

	@Nested
	class LowInteraction {

		@Test
		void firesForTwentyCommentsWithUnderTwentyPercentAnswered() {
			ScoreCard card = score(Sessions.clean().comments(20, 3));

			Finding finding = finding(card, "LOW_INTERACTION");
			assertThat(finding.scoreDelta()).isEqualTo(-10);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("STATS");
				assertThat(evidence.detail()).contains("20 comments", "3 answered");
			});
		}

		@Test
		void doesNotFireWhenExactlyTwentyPercentAreAnswered() {
			assertThat(codes(score(Sessions.clean().comments(20, 4)))).isEmpty();
			assertThat(codes(score(Sessions.clean().comments(1000, 200)))).isEmpty();
		}

		@Test
		void firesJustUnderTwentyPercent() {
			assertThat(codes(score(Sessions.clean().comments(1000, 199)))).containsExactly("LOW_INTERACTION");
		}

		@ParameterizedTest
		@ValueSource(ints = { 0, 1, 19 })
		void neverFiresUnderTwentyComments(int comments) {
			assertThat(codes(score(Sessions.clean().comments(comments, 0)))).isEmpty();
		}

		@Test
		void firesWhenNoneOfTwentyCommentsIsAnswered() {
			assertThat(codes(score(Sessions.clean().comments(20, 0)))).containsExactly("LOW_INTERACTION");
		}

	}

	@Nested
	class ProductNotShown {

		@Test
		void firesForAListedProductNeverShown() {
			ScoreCard card = score(Sessions.clean().product(Sessions.product("tshirt-1", ProductCategory.GENERAL)));

			Finding finding = finding(card, "PRODUCT_NOT_SHOWN");
			assertThat(finding.scoreDelta()).isEqualTo(-5);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("PRODUCT");
				assertThat(evidence.detail()).startsWith("tshirt-1 ");
			});
			assertThat(card.contentScore()).isEqualTo(95);
		}

		@Test
		void doesNotFireForAProductShownAtLeastOnce() {
			ScoreCard card = score(
					Sessions.clean().productShown(Sessions.product("tshirt-1", ProductCategory.GENERAL)));

			assertThat(card.findings()).isEmpty();
		}

		@Test
		void firesOncePerUnshownProduct() {
			ScoreCard card = score(Sessions.clean()
				.product(Sessions.product("b-2", ProductCategory.GENERAL))
				.product(Sessions.product("a-1", ProductCategory.GENERAL)));

			assertThat(card.findings()).extracting(Finding::code)
				.containsExactly("PRODUCT_NOT_SHOWN", "PRODUCT_NOT_SHOWN");
			assertThat(card.findings()).extracting((finding) -> finding.evidence().get(0).detail())
				.satisfiesExactly((detail) -> assertThat(detail).startsWith("a-1 "),
						(detail) -> assertThat(detail).startsWith("b-2 "));
			assertThat(card.contentScore()).isEqualTo(90);
		}

		@Test
		void capsTheTotalAtMinusFifteenWithFourUnshownProducts() {
			ScoreCard card = score(Sessions.clean()
				.product(Sessions.product("p-1", ProductCategory.GENERAL))
				.product(Sessions.product("p-2", ProductCategory.GENERAL))
				.product(Sessions.product("p-3", ProductCategory.GENERAL))
				.product(Sessions.product("p-4", ProductCategory.GENERAL)));

			assertThat(codes(card)).containsExactly("PRODUCT_NOT_SHOWN", "PRODUCT_NOT_SHOWN", "PRODUCT_NOT_SHOWN",
					"PRODUCT_NOT_SHOWN");
			assertThat(card.findings().stream().mapToInt(Finding::scoreDelta).sum()).isEqualTo(-15);
			assertThat(card.contentScore()).isEqualTo(85);
		}

		@Test
		void doesNotCountAShownSkuThatIsNotListedAsShowingAListedOne() {
			ScoreCard card = score(
					Sessions.clean().product(Sessions.product("p-1", ProductCategory.GENERAL)).shown("p-9"));

			assertThat(codes(card)).containsExactly("PRODUCT_NOT_SHOWN");
			assertThat(finding(card, "PRODUCT_NOT_SHOWN").evidence().get(0).detail()).startsWith("p-1 ");
		}

		@Test
		void doesNotFireWithoutProducts() {
			assertThat(codes(score(Sessions.clean().withoutProducts()))).isEmpty();
		}

	}

	@Nested
	class PoorStream {

		@Test
		void firesForASampleUnder480p() {
			ScoreCard card = score(Sessions.clean().stream(479, 0));

			Finding finding = finding(card, "POOR_STREAM");
			assertThat(finding.scoreDelta()).isEqualTo(-10);
			assertThat(finding.rule()).isEqualTo("POOR_STREAM: video below the minimum resolution");
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("STREAM_QUALITY");
				assertThat(evidence.detail()).contains("479p");
			});
		}

		@Test
		void doesNotFireAt480p() {
			assertThat(codes(score(Sessions.clean().stream(480, 0)))).isEmpty();
		}

		@Test
		void firesForStallsOverFivePercent() {
			ScoreCard card = score(Sessions.clean().stream(720, 100).stream(1080, 81));

			Finding finding = finding(card, "POOR_STREAM");
			assertThat(finding.rule()).isEqualTo("POOR_STREAM: buffering over the allowed share");
			assertThat(finding.evidence()).extracting(Evidence::detail)
				.containsExactly("720p, 100 s buffering", "1080p, 81 s buffering");
		}

		@Test
		void doesNotFireForStallsOfExactlyFivePercent() {
			assertThat(codes(score(Sessions.clean().stream(720, 100).stream(1080, 80)))).isEmpty();
		}

		@Test
		void givesOneFindingWithBothEvidencesWhenBothHappen() {
			ScoreCard card = score(Sessions.clean().stream(360, 0).stream(720, 181));

			assertThat(codes(card)).containsExactly("POOR_STREAM");
			Finding finding = finding(card, "POOR_STREAM");
			assertThat(finding.scoreDelta()).isEqualTo(-10);
			assertThat(finding.rule()).contains("POOR_STREAM: video below the minimum resolution",
					"POOR_STREAM: buffering over the allowed share");
			assertThat(finding.evidence()).extracting(Evidence::detail)
				.containsExactly("360p, 0 s buffering", "720p, 181 s buffering");
			assertThat(card.contentScore()).isEqualTo(90);
		}

	}

	@Nested
	class StaticOrPrerecorded {

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "STATIC_IMAGE", "PRERECORDED_CONTENT" })
		void firesForAFlagAtConfidencePointEight(ModerationCode code) {
			ScoreCard card = score(Sessions.clean().flag(code, 0.8));

			Finding finding = finding(card, "STATIC_OR_PRERECORDED");
			assertThat(finding.scoreDelta()).isEqualTo(-30);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("MODERATION_FLAG");
				assertThat(evidence.detail()).contains(code.name(), "0.8");
			});
			assertThat(card.contentScore()).isEqualTo(70);
		}

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "STATIC_IMAGE", "PRERECORDED_CONTENT" })
		void doesNotFireForAFlagAtConfidencePointSevenNine(ModerationCode code) {
			assertThat(codes(score(Sessions.clean().flag(code, 0.79)))).isEmpty();
		}

		@Test
		void countsOnceForBothFlags() {
			ScoreCard card = score(Sessions.clean()
				.flag(ModerationCode.STATIC_IMAGE, 0.9)
				.flag(ModerationCode.PRERECORDED_CONTENT, 0.95));

			assertThat(finding(card, "STATIC_OR_PRERECORDED").evidence()).hasSize(2);
			assertThat(card.contentScore()).isEqualTo(70);
		}

		@Test
		void ignoresOtherFlags() {
			assertThat(codes(score(Sessions.clean().flag(ModerationCode.DANGEROUS_ACT, 0.99))))
				.doesNotContain("STATIC_OR_PRERECORDED");
		}

	}

	@Nested
	class TransparentInfo {

		@Test
		void firesForAShownProductWithOriginAndIngredientsToldButKeepsTheScoreAtOneHundred() {
			ScoreCard card = score(Sessions.clean().transcript("Xuất xứ Việt Nam, thành phần 100% gạo"));

			Finding finding = finding(card, "TRANSPARENT_INFO");
			assertThat(finding.scoreDelta()).isEqualTo(5);
			assertThat(finding.kind()).isEqualTo(FindingKind.QUALITY);
			assertThat(finding.evidence()).extracting(Evidence::signalType).contains("TRANSCRIPT", "PRODUCT_SHOWN");
			assertThat(card.contentScore()).isEqualTo(100);
		}

		@Test
		void firesForOriginAndExpiryToldWithoutDiacritics() {
			assertThat(codes(score(Sessions.clean().transcript("san xuat tai Da Lat, HSD 6 thang"))))
				.containsExactly("TRANSPARENT_INFO");
		}

		@Test
		void firesForCuesToldInDifferentSegments() {
			ScoreCard card = score(Sessions.clean().transcript("Made in Japan").transcript("Ingredients: rice, water"));

			assertThat(finding(card, "TRANSPARENT_INFO").evidence()).extracting(Evidence::signalType)
				.containsExactly("PRODUCT_SHOWN", "TRANSCRIPT", "TRANSCRIPT");
		}

		@Test
		void makesUpForALossWithAMinusTenFindingTheScoreIs95() {
			ScoreCard card = score(Sessions.clean().deadAir(200).transcript("origin Japan, expires 2027"));

			assertThat(codes(card)).containsExactly("DEAD_AIR", "TRANSPARENT_INFO");
			assertThat(card.contentScore()).isEqualTo(95);
		}

		@Test
		void doesNotFireWithoutAnOriginCue() {
			assertThat(codes(score(Sessions.clean().transcript("thành phần gạo, hạn sử dụng 12 tháng")))).isEmpty();
		}

		@Test
		void doesNotFireWithOnlyAnOriginCue() {
			assertThat(codes(score(Sessions.clean().transcript("xuất xứ Việt Nam")))).isEmpty();
		}

		@Test
		void doesNotFireWhenNoProductWasShown() {
			ScoreCard card = score(Sessions.clean().withoutProducts().transcript("xuất xứ Việt Nam, thành phần gạo"));

			assertThat(codes(card)).isEmpty();
		}

		@Test
		void doesNotCountAShownSkuThatIsNotListed() {
			ScoreCard card = score(Sessions.clean()
				.withoutProducts()
				.shown("not-listed")
				.transcript("xuất xứ Việt Nam, thành phần gạo"));

			assertThat(codes(card)).isEmpty();
		}

		@Test
		void doesNotMatchCuesInsideOtherWords() {
			assertThat(codes(score(Sessions.clean().transcript("original ingredientsx, hsdx")))).isEmpty();
		}

	}

}
