package io.liveguard.rules;

import java.time.Duration;
import java.util.List;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.scoring.SellerHistory.PriorSale;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static io.liveguard.rules.DefaultPack.codes;
import static io.liveguard.rules.DefaultPack.finding;
import static io.liveguard.rules.DefaultPack.score;
import static org.assertj.core.api.Assertions.assertThat;

/** Section 2 of the default policy: the products on sale. */
class ProductRulesTests {

	@Nested
	class MissingAdConfirmation {

		@ParameterizedTest
		@EnumSource(value = ProductCategory.class,
				names = { "FUNCTIONAL_FOOD", "COSMETICS", "MEDICAL_DEVICE", "DRUG", "INFANT_FORMULA", "ALCOHOL" })
		void firesForEachRegulatedCategoryWithoutConfirmation(ProductCategory category) {
			ScoreCard card = score(Sessions.clean().productShown(Sessions.product("reg-1", category)));

			assertThat(codes(card)).containsExactly("MISSING_AD_CONFIRMATION");
			Finding finding = finding(card, "MISSING_AD_CONFIRMATION");
			assertThat(finding.severity()).isEqualTo(Severity.SEVERE);
			assertThat(finding.points()).isEqualTo(6);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("PRODUCT");
				assertThat(evidence.detail()).contains("reg-1", category.name(), "ad confirmation none");
			});
		}

		@ParameterizedTest
		@EnumSource(value = ProductCategory.class,
				names = { "FUNCTIONAL_FOOD", "COSMETICS", "MEDICAL_DEVICE", "DRUG", "INFANT_FORMULA", "ALCOHOL" })
		void doesNotFireForARegulatedProductWithConfirmation(ProductCategory category) {
			assertThat(codes(score(Sessions.clean().productShown(Sessions.confirmed("reg-1", category))))).isEmpty();
		}

		@ParameterizedTest
		@EnumSource(value = ProductCategory.class, names = { "GENERAL", "PROHIBITED" })
		void doesNotFireForUnregulatedCategories(ProductCategory category) {
			assertThat(codes(score(Sessions.clean().productShown(Sessions.product("p-1", category)))))
				.doesNotContain("MISSING_AD_CONFIRMATION");
		}

		@Test
		void countsOnceWithEveryUnconfirmedProductAsEvidence() {
			ScoreCard card = score(Sessions.clean()
				.productShown(Sessions.product("food-1", ProductCategory.FUNCTIONAL_FOOD))
				.productShown(Sessions.product("wine-1", ProductCategory.ALCOHOL))
				.productShown(Sessions.confirmed("cream-1", ProductCategory.COSMETICS)));

			assertThat(finding(card, "MISSING_AD_CONFIRMATION").evidence()).extracting(Evidence::detail)
				.satisfiesExactlyInAnyOrder((detail) -> assertThat(detail).startsWith("food-1 "),
						(detail) -> assertThat(detail).startsWith("wine-1 "));
			assertThat(card.violationPoints()).isEqualTo(6);
		}

	}

	@Nested
	class FalseOrigin {

		@Test
		void firesWhenTheVerifiedOriginDiffersFromTheDeclaredOne() {
			ScoreCard card = score(Sessions.clean().productShown(Sessions.origins("serum-x", "KR", "CN")));

			Finding finding = finding(card, "FALSE_ORIGIN");
			assertThat(finding.severity()).isEqualTo(Severity.SEVERE);
			assertThat(finding.points()).isEqualTo(6);
			assertThat(finding.evidence()).singleElement()
				.satisfies((evidence) -> assertThat(evidence.detail()).contains("declared origin KR",
						"verified origin CN"));
		}

		@ParameterizedTest
		@CsvSource({ "CN, cn", "kr, KR", "Vn, vN" })
		void doesNotFireForTheSameCodeInAnotherCase(String declared, String verified) {
			assertThat(codes(score(Sessions.clean().productShown(Sessions.origins("p-1", declared, verified)))))
				.isEmpty();
		}

		@Test
		void doesNotFireWhenTheOriginIsNotVerified() {
			assertThat(codes(score(Sessions.clean().productShown(Sessions.origins("p-1", "KR", null))))).isEmpty();
		}

		@Test
		void doesNotFireWhenNoOriginIsDeclared() {
			// reading: with no declared origin the seller claimed nothing that could be
			// false
			assertThat(codes(score(Sessions.clean().productShown(Sessions.origins("p-1", null, "CN"))))).isEmpty();
		}

	}

	@Nested
	class FakeDiscount {

		private static final Product INFLATED = Sessions.priced("serum-x", 200_001, 100_000);

		private static final String EARLIER_SESSION = "s-earlier";

		@Test
		void firesForAListPriceOverTwiceTheLivePriceOfAProductSoldAtThatPriceBefore() {
			ScoreCard card = scoreWithHistory(INFLATED, sale("serum-x", 100_000));

			Finding finding = finding(card, "FAKE_DISCOUNT");
			assertThat(finding.severity()).isEqualTo(Severity.MODERATE);
			assertThat(finding.points()).isEqualTo(3);
			assertThat(finding.evidence()).extracting(Evidence::signalType).containsExactly("PRIOR_SESSION", "PRODUCT");
			assertThat(finding.evidence().get(0)).satisfies((evidence) -> {
				assertThat(evidence.at()).isEqualTo(Sessions.START.minus(Duration.ofDays(3)));
				assertThat(evidence.detail()).contains(EARLIER_SESSION, "serum-x", "100000");
			});
			assertThat(finding.evidence().get(1).detail()).contains("list price 200001", "live price 100000");
		}

		@Test
		void firesForAProductSoldBelowTheLivePriceBefore() {
			assertThat(codes(scoreWithHistory(INFLATED, sale("serum-x", 99_999)))).containsExactly("FAKE_DISCOUNT");
		}

		@Test
		void doesNotFireForAListPriceOfExactlyTwiceTheLivePrice() {
			Product twice = Sessions.priced("serum-x", 200_000, 100_000);

			assertThat(codes(scoreWithHistory(twice, sale("serum-x", 100_000)))).isEmpty();
		}

		@Test
		void doesNotFireWhenTheProductSoldAboveTheLivePriceBefore() {
			assertThat(codes(scoreWithHistory(INFLATED, sale("serum-x", 100_001)))).isEmpty();
		}

		@Test
		void doesNotFireWithoutAPriorSale() {
			assertThat(codes(scoreWithHistory(INFLATED))).isEmpty();
		}

		@Test
		void doesNotFireForAPriorSaleOfAnotherSku() {
			assertThat(codes(scoreWithHistory(INFLATED, sale("serum-y", 50_000)))).isEmpty();
		}

		@Test
		void citesEveryQualifyingPriorSessionOnce() {
			ScoreCard card = scoreWithHistory(INFLATED, sale("serum-x", 100_000),
					new PriorSale("s-older", Sessions.START.minus(Duration.ofDays(6)), "serum-x", 95_000),
					new PriorSale("s-dearer", Sessions.START.minus(Duration.ofDays(1)), "serum-x", 150_000));

			Finding finding = finding(card, "FAKE_DISCOUNT");
			assertThat(finding.evidence()).extracting(Evidence::detail)
				.satisfiesExactly((detail) -> assertThat(detail).contains("s-older"),
						(detail) -> assertThat(detail).contains(EARLIER_SESSION),
						(detail) -> assertThat(detail).contains("serum-x ("));
			assertThat(card.violationPoints()).isEqualTo(3);
		}

		@Test
		void asksForSevenDaysOfHistory() {
			LiveSession session = Sessions.clean().build();

			ScoringEngine.HistoryWindow window = ScoringEngine.historyWindow(DefaultPack.pack(), session);

			assertThat(window.from()).isEqualTo(Sessions.START.minus(Duration.ofDays(7)));
			assertThat(window.to()).isEqualTo(Sessions.START);
		}

		private static PriorSale sale(String sku, long livePrice) {
			return new PriorSale(EARLIER_SESSION, Sessions.START.minus(Duration.ofDays(3)), sku, livePrice);
		}

		private static ScoreCard scoreWithHistory(Product product, PriorSale... sales) {
			return score(Sessions.clean().productShown(product).build(), new SellerHistory(List.of(sales)));
		}

	}

	@Nested
	class ProhibitedProduct {

		@Test
		void firesForAProductOfCategoryProhibited() {
			ScoreCard card = score(
					Sessions.clean().productShown(Sessions.product("ivory-1", ProductCategory.PROHIBITED)));

			assertThat(codes(card)).containsExactly("PROHIBITED_PRODUCT");
			Finding finding = finding(card, "PROHIBITED_PRODUCT");
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.points()).isEqualTo(15);
			assertThat(finding.rule()).isEqualTo("PROHIBITED_PRODUCT: a product the catalogue prohibits");
			assertThat(finding.evidence()).singleElement()
				.satisfies((evidence) -> assertThat(evidence.detail()).contains("ivory-1", "PROHIBITED"));
		}

		@Test
		void firesForACounterfeitFlagAtConfidencePointEight() {
			ScoreCard card = score(Sessions.clean().flag(ModerationCode.COUNTERFEIT, 0.8));

			Finding finding = finding(card, "PROHIBITED_PRODUCT");
			assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
			assertThat(finding.points()).isEqualTo(15);
			assertThat(finding.rule()).isEqualTo("PROHIBITED_PRODUCT: a counterfeit confirmed by a moderator");
		}

		@Test
		void doesNotFireForACounterfeitFlagAtConfidencePointSevenNine() {
			assertThat(codes(score(Sessions.clean().flag(ModerationCode.COUNTERFEIT, 0.79)))).isEmpty();
		}

		@Test
		void countsFifteenPointsOnceForAProhibitedProductAndACounterfeitFlag() {
			ScoreCard card = score(Sessions.clean()
				.productShown(Sessions.product("ivory-1", ProductCategory.PROHIBITED))
				.flag(ModerationCode.COUNTERFEIT, 1.0));

			assertThat(codes(card)).containsExactly("PROHIBITED_PRODUCT");
			assertThat(finding(card, "PROHIBITED_PRODUCT").evidence()).extracting(Evidence::signalType)
				.containsExactly("PRODUCT", "MODERATION_FLAG");
			assertThat(card.violationPoints()).isEqualTo(15);
		}

	}

}
