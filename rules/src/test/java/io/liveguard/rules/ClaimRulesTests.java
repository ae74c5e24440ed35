package io.liveguard.rules;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.ProductCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.liveguard.rules.DefaultPack.codes;
import static io.liveguard.rules.DefaultPack.finding;
import static io.liveguard.rules.DefaultPack.score;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section 2 of the default policy: MISLEADING_HEALTH_CLAIM, by flag or by what the host
 * says.
 */
class ClaimRulesTests {

	private static final String CURE_CLAIM = "Kẹo này chữa khỏi tiểu đường";

	@Test
	void firesForAMisleadingClaimFlagAtConfidencePointEight() {
		ScoreCard card = score(Sessions.clean().flag(ModerationCode.MISLEADING_CLAIM, 0.8));

		Finding finding = finding(card, "MISLEADING_HEALTH_CLAIM");
		assertThat(finding.severity()).isEqualTo(Severity.SEVERE);
		assertThat(finding.points()).isEqualTo(6);
		assertThat(finding.rule()).isEqualTo("MISLEADING_HEALTH_CLAIM: a misleading claim flagged");
		assertThat(finding.evidence()).singleElement()
			.satisfies((evidence) -> assertThat(evidence.signalType()).isEqualTo("MODERATION_FLAG"));
	}

	@Test
	void doesNotFireForAMisleadingClaimFlagAtConfidencePointSevenNine() {
		assertThat(codes(score(Sessions.clean().flag(ModerationCode.MISLEADING_CLAIM, 0.79)))).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "chữa khỏi tiểu đường", "chua khoi tieu duong", "CHỮA KHỎI TIỂU ĐƯỜNG", "Chữa bệnh gout",
			"hỗ trợ điều trị ung thư", "dieu tri ung thu", "ĐẶC TRỊ nấm", "trị dứt điểm mụn", "uống là khỏi bệnh",
			"an la het benh", "This tea cures cancer", "it TREATS diabetes", "heals every wound" })
	void firesForATranscriptClaimingACureWithOrWithoutDiacriticsInAnyCase(String text) {
		ScoreCard card = score(Sessions.clean().transcript(text));

		assertThat(codes(card)).containsExactly("MISLEADING_HEALTH_CLAIM");
		Finding finding = finding(card, "MISLEADING_HEALTH_CLAIM");
		assertThat(finding.rule())
			.isEqualTo("MISLEADING_HEALTH_CLAIM: the transcript claims a cure while no drug is shown");
		assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
			assertThat(evidence.signalType()).isEqualTo("TRANSCRIPT");
			assertThat(evidence.detail()).contains(text, "cure-claims");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "chữa cháy", "điều tra", "khỏi lo", "secures your order", "treatsy", "bệnh viện" })
	void doesNotFireForWordsThatOnlyLookAlike(String text) {
		assertThat(codes(score(Sessions.clean().transcript(text)))).isEmpty();
	}

	@Test
	void doesNotFireForACureClaimWhileADrugIsShown() {
		ScoreCard card = score(Sessions.clean()
			.productShown(Sessions.confirmed("drug-1", ProductCategory.DRUG))
			.transcript(CURE_CLAIM));

		assertThat(codes(card)).isEmpty();
	}

	@Test
	void firesForACureClaimWhenADrugIsListedButNeverShown() {
		ScoreCard card = score(
				Sessions.clean().product(Sessions.confirmed("drug-1", ProductCategory.DRUG)).transcript(CURE_CLAIM));

		assertThat(codes(card)).containsExactly("PRODUCT_NOT_SHOWN", "MISLEADING_HEALTH_CLAIM");
	}

	@Test
	void firesForACureClaimWhenTheProductShownIsNotADrug() {
		ScoreCard card = score(Sessions.clean()
			.productShown(Sessions.confirmed("candy-1", ProductCategory.FUNCTIONAL_FOOD))
			.transcript(CURE_CLAIM));

		assertThat(codes(card)).containsExactly("MISLEADING_HEALTH_CLAIM");
	}

	@Test
	void doesNotCountAShownDrugSkuThatIsNotListed() {
		ScoreCard card = score(Sessions.clean().shown("drug-9").transcript(CURE_CLAIM));

		assertThat(codes(card)).containsExactly("MISLEADING_HEALTH_CLAIM");
	}

	@Test
	void firesForAFlagEvenWhileADrugIsShown() {
		ScoreCard card = score(Sessions.clean()
			.productShown(Sessions.confirmed("drug-1", ProductCategory.DRUG))
			.flag(ModerationCode.MISLEADING_CLAIM, 0.9));

		assertThat(codes(card)).containsExactly("MISLEADING_HEALTH_CLAIM");
	}

	@Test
	void givesOneFindingWithEveryClaimAsEvidence() {
		ScoreCard card = score(Sessions.clean()
			.transcript(CURE_CLAIM)
			.flag(ModerationCode.MISLEADING_CLAIM, 0.95)
			.transcript("uống 3 tháng là hết bệnh"));

		Finding finding = finding(card, "MISLEADING_HEALTH_CLAIM");
		assertThat(finding.evidence()).extracting(Evidence::signalType)
			.containsExactly("TRANSCRIPT", "MODERATION_FLAG", "TRANSCRIPT");
		assertThat(card.violationPoints()).isEqualTo(6);
	}

}
