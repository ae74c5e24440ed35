package io.liveguard.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The five sessions of {@code docs/examples} score as the examples README says. */
class DefaultPackExamplesTests {

	private static ScoringEngine engine;

	private static final SessionCodec codec = new SessionCodec();

	@BeforeAll
	static void compilePack() {
		engine = ScoringEngine.withClasspathPacks("default");
	}

	@Test
	void cleanSessionKeepsFullScoreWithTransparentInfo() {
		ScoreCard card = score("clean-session.json");
		assertThat(card.contentScore()).isEqualTo(100);
		assertThat(card.violationPoints()).isZero();
		assertThat(card.findings()).extracting(Finding::code).containsExactly("TRANSPARENT_INFO");
		assertThat(card.findings().get(0).scoreDelta()).isEqualTo(5);
		assertThat(card.businessDate()).isEqualTo(LocalDate.of(2026, 11, 20));
	}

	@Test
	void healthClaimWithoutConfirmationEarnsTwelvePoints() {
		ScoreCard card = score("health-claim-no-confirmation.json");
		assertThat(card.contentScore()).isEqualTo(90);
		assertThat(card.violationPoints()).isEqualTo(12);
		assertThat(card.findings()).extracting(Finding::code)
			.containsExactly("LOW_INTERACTION", "MISSING_AD_CONFIRMATION", "MISLEADING_HEALTH_CLAIM");
		Finding claim = card.findings().get(2);
		assertThat(claim.evidence()).singleElement()
			.satisfies((evidence) -> assertThat(evidence.detail()).contains("CHUA KHOI", "chua khoi", "het benh"));
		// 20:00 UTC is 03:00 the next day in Ho Chi Minh City
		assertThat(card.businessDate()).isEqualTo(LocalDate.of(2026, 11, 21));
	}

	@Test
	void lowQualityStaticSessionScoresFiveWithFourPoints() {
		ScoreCard card = score("low-quality-static.json");
		assertThat(card.contentScore()).isEqualTo(5);
		assertThat(card.violationPoints()).isEqualTo(4);
		assertThat(card.findings()).filteredOn((f) -> f.kind() == FindingKind.QUALITY)
			.extracting(Finding::code)
			.containsExactly("SHORT_SESSION", "HOST_ABSENT", "DEAD_AIR", "LOW_INTERACTION", "PRODUCT_NOT_SHOWN",
					"PRODUCT_NOT_SHOWN", "POOR_STREAM", "STATIC_OR_PRERECORDED");
		assertThat(card.violations()).extracting(Finding::code).containsExactly("LOW_QUALITY_SESSION", "NO_LIVE_HOST");
	}

	@Test
	void counterfeitSessionEarnsTwentyFourPointsWithACriticalFinding() {
		ScoreCard card = score("counterfeit.json");
		assertThat(card.contentScore()).isEqualTo(100);
		assertThat(card.violationPoints()).isEqualTo(24);
		assertThat(card.violations()).extracting(Finding::code)
			.containsExactly("OFF_PLATFORM_REDIRECT", "FALSE_ORIGIN", "PROHIBITED_PRODUCT");
	}

	@Test
	void sessionEndingBeforeItStartsIsRejectedNamingEndedAt() {
		assertThatExceptionOfType(InvalidSessionException.class)
			.isThrownBy(() -> read("invalid-ends-before-start.json"))
			.satisfies((ex) -> assertThat(ex.errors()).extracting("field").containsExactly("endedAt"));
	}

	private static ScoreCard score(String name) {
		return engine.score(read(name), SellerHistory.NONE);
	}

	static LiveSession read(String name) {
		try (InputStream in = DefaultPackExamplesTests.class.getResourceAsStream("/examples/" + name)) {
			return codec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
