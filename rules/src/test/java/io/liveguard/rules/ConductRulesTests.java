package io.liveguard.rules;

import java.time.Duration;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.ReportCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.liveguard.rules.DefaultPack.codes;
import static io.liveguard.rules.DefaultPack.finding;
import static io.liveguard.rules.DefaultPack.score;
import static org.assertj.core.api.Assertions.assertThat;

/** Section 2 of the default policy: the host's conduct and the audience's reaction. */
class ConductRulesTests {

	@Nested
	class ViewerComplaints {

		@Test
		void firesForFiveReportsAndOneThousandPeakViewers() {
			ScoreCard card = score(Sessions.clean()
				.viewerReports(5, 1000)
				.viewerReport(ReportCode.OFFENSIVE)
				.viewerReport(ReportCode.FAKE_PRODUCT));

			Finding finding = finding(card, "VIEWER_COMPLAINTS");
			assertThat(finding.kind()).isEqualTo(FindingKind.VIOLATION);
			assertThat(finding.severity()).isEqualTo(Severity.MINOR);
			assertThat(finding.points()).isEqualTo(1);
			assertThat(finding.scoreDelta()).isZero();
			assertThat(finding.evidence()).extracting(Evidence::signalType)
				.containsExactly("VIEWER_REPORT", "VIEWER_REPORT", "STATS");
			assertThat(finding.evidence().get(2).detail()).contains("5 viewer reports", "1000 peak viewers");
			assertThat(card.violationPoints()).isEqualTo(1);
			assertThat(card.contentScore()).isEqualTo(100);
		}

		@Test
		void doesNotFireForFiveReportsAnd1001PeakViewers() {
			assertThat(codes(score(Sessions.clean().viewerReports(5, 1001)))).isEmpty();
		}

		@Test
		void doesNotFireForFourReportsHoweverSmallTheAudience() {
			assertThat(codes(score(Sessions.clean().viewerReports(4, 10)))).isEmpty();
		}

		@ParameterizedTest
		@CsvSource({ "5, 0", "5, 1", "6, 1200", "40, 8000" })
		void firesForAtLeastOneReportPer200PeakViewers(int reports, int peakViewers) {
			assertThat(codes(score(Sessions.clean().viewerReports(reports, peakViewers))))
				.containsExactly("VIEWER_COMPLAINTS");
		}

		@Test
		void doesNotFireWithoutReports() {
			assertThat(codes(score(Sessions.clean().viewerReports(0, 0)))).isEmpty();
		}

	}

	@Nested
	class VulgarContent {

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "VULGAR_LANGUAGE", "INDECENT_ATTIRE" })
		void firesForAFlagAtConfidencePointEight(ModerationCode code) {
			ScoreCard card = score(Sessions.clean().flag(code, 0.8));

			Finding finding = finding(card, "VULGAR_CONTENT");
			assertThat(finding.severity()).isEqualTo(Severity.MODERATE);
			assertThat(finding.points()).isEqualTo(3);
			assertThat(finding.evidence()).singleElement()
				.satisfies((evidence) -> assertThat(evidence.detail()).contains(code.name()));
			assertThat(card.contentScore()).isEqualTo(100);
		}

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "VULGAR_LANGUAGE", "INDECENT_ATTIRE" })
		void doesNotFireForAFlagAtConfidencePointSevenNine(ModerationCode code) {
			assertThat(codes(score(Sessions.clean().flag(code, 0.79)))).isEmpty();
		}

		@Test
		void givesOneFindingWithBothEvidencesInTimeOrderForTwoFlags() {
			ScoreCard card = score(Sessions.clean()
				.at(Duration.ofMinutes(40))
				.flag(ModerationCode.INDECENT_ATTIRE, 0.9)
				.at(Duration.ofMinutes(5))
				.flag(ModerationCode.VULGAR_LANGUAGE, 0.85));

			assertThat(codes(card)).containsExactly("VULGAR_CONTENT");
			Finding finding = finding(card, "VULGAR_CONTENT");
			assertThat(finding.evidence()).extracting(Evidence::detail)
				.containsExactly("VULGAR_LANGUAGE, confidence 0.85", "INDECENT_ATTIRE, confidence 0.9");
			assertThat(finding.evidence()).extracting(Evidence::at)
				.containsExactly(Sessions.START.plus(Duration.ofMinutes(5)),
						Sessions.START.plus(Duration.ofMinutes(40)));
			assertThat(finding.rule()).isEqualTo("VULGAR_CONTENT: vulgar language or indecent attire flagged");
			assertThat(card.violationPoints()).isEqualTo(3);
		}

		@Test
		void countsRepeatedFlagsOfOneCodeOnce() {
			ScoreCard card = score(Sessions.clean()
				.flag(ModerationCode.VULGAR_LANGUAGE, 0.9)
				.flag(ModerationCode.VULGAR_LANGUAGE, 0.95)
				.flag(ModerationCode.VULGAR_LANGUAGE, 0.5));

			assertThat(finding(card, "VULGAR_CONTENT").evidence()).hasSize(2);
			assertThat(card.violationPoints()).isEqualTo(3);
		}

	}

	@Nested
	class NoLiveHost {

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "STATIC_IMAGE", "PRERECORDED_CONTENT" })
		void firesWithTheQualityFindingForAFlagAtConfidencePointEight(ModerationCode code) {
			ScoreCard card = score(Sessions.clean().flag(code, 0.8));

			assertThat(codes(card)).containsExactly("STATIC_OR_PRERECORDED", "NO_LIVE_HOST");
			Finding finding = finding(card, "NO_LIVE_HOST");
			assertThat(finding.severity()).isEqualTo(Severity.MODERATE);
			assertThat(finding.points()).isEqualTo(3);
			assertThat(card.violationPoints()).isEqualTo(3);
		}

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "STATIC_IMAGE", "PRERECORDED_CONTENT" })
		void doesNotFireForAFlagAtConfidencePointSevenNine(ModerationCode code) {
			assertThat(codes(score(Sessions.clean().flag(code, 0.79)))).isEmpty();
		}

	}

	@Nested
	class OffPlatformRedirect {

		@Test
		void firesForAFlagAtConfidencePointEight() {
			ScoreCard card = score(Sessions.clean().flag(ModerationCode.OFF_PLATFORM_REDIRECT, 0.8));

			Finding finding = finding(card, "OFF_PLATFORM_REDIRECT");
			assertThat(finding.severity()).isEqualTo(Severity.MODERATE);
			assertThat(finding.points()).isEqualTo(3);
			assertThat(finding.rule()).isEqualTo("OFF_PLATFORM_REDIRECT: luring buyers off the platform flagged");
		}

		@Test
		void doesNotFireForAFlagAtConfidencePointSevenNine() {
			assertThat(codes(score(Sessions.clean().flag(ModerationCode.OFF_PLATFORM_REDIRECT, 0.79)))).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(strings = { "kết bạn zalo với shop nhé", "Nhắn ZALO cho shop", "chuyển khoản trước nha",
				"chuyen khoan truoc nha", "CHUYỂN KHOẢN TRƯỚC", "ib riêng để được giá sỉ", "Ib rieng nhe", "IB RIÊNG!",
				"ib... riêng cho mình", "inbox riêng shop", "add telegram", "WhatsApp me", "pay by bank transfer",
				"you can pay outside the app" })
		void firesForATranscriptAskingBuyersToPayOrChatElsewhere(String text) {
			ScoreCard card = score(Sessions.clean().transcript(text));

			assertThat(codes(card)).containsExactly("OFF_PLATFORM_REDIRECT");
			Finding finding = finding(card, "OFF_PLATFORM_REDIRECT");
			assertThat(finding.rule())
				.isEqualTo("OFF_PLATFORM_REDIRECT: the transcript asks buyers to pay or chat elsewhere");
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("TRANSCRIPT");
				assertThat(evidence.detail()).contains(text, "off-platform");
			});
		}

		@ParameterizedTest
		@ValueSource(strings = { "thanh toán qua zalopay", "shop dùng ZaloPay", "chuyển hàng tận nơi",
				"khoản này shop tặng", "ib shop nếu cần, hàng riêng", "telegrams", "bank transfers are not accepted" })
		void doesNotFireForWordsThatOnlyLookAlike(String text) {
			assertThat(codes(score(Sessions.clean().transcript(text)))).isEmpty();
		}

		@Test
		void givesOneFindingWithEveryEvidenceForAFlagAndKeywords() {
			ScoreCard card = score(Sessions.clean()
				.flag(ModerationCode.OFF_PLATFORM_REDIRECT, 0.9)
				.transcript("ib riêng shop")
				.transcript("Zalo 0909"));

			Finding finding = finding(card, "OFF_PLATFORM_REDIRECT");
			assertThat(finding.evidence()).extracting(Evidence::signalType)
				.containsExactly("MODERATION_FLAG", "TRANSCRIPT", "TRANSCRIPT");
			assertThat(finding.rule()).contains("flagged", "the transcript asks");
			assertThat(card.violationPoints()).isEqualTo(3);
		}

	}

	@Nested
	class UnverifiedHost {

		@Test
		void firesWhenTheHostsIdentityWasNotVerified() {
			ScoreCard card = score(Sessions.clean().unverifiedHost());

			Finding finding = finding(card, "UNVERIFIED_HOST");
			assertThat(finding.severity()).isEqualTo(Severity.SEVERE);
			assertThat(finding.points()).isEqualTo(6);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("HOST");
				assertThat(evidence.detail()).contains("host-1", "not verified");
			});
		}

		@Test
		void doesNotFireWhenTheHostsIdentityWasVerified() {
			assertThat(codes(score(Sessions.clean()))).doesNotContain("UNVERIFIED_HOST");
		}

	}

	@Nested
	class FlaggedConduct {

		@ParameterizedTest
		@CsvSource({ "FAKE_ENGAGEMENT, FAKE_ENGAGEMENT, SEVERE, 6", "DANGEROUS_ACT, DANGEROUS_ACT, SEVERE, 6",
				"MINOR_ALONE, MINOR_ALONE, CRITICAL, 15" })
		void firesForAFlagAtConfidencePointEight(ModerationCode flag, String code, Severity severity, int points) {
			ScoreCard card = score(Sessions.clean().flag(flag, 0.8));

			assertThat(codes(card)).containsExactly(code);
			Finding finding = finding(card, code);
			assertThat(finding.severity()).isEqualTo(severity);
			assertThat(finding.points()).isEqualTo(points);
			assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
				assertThat(evidence.signalType()).isEqualTo("MODERATION_FLAG");
				assertThat(evidence.detail()).isEqualTo(flag + ", confidence 0.8");
			});
			assertThat(card.violationPoints()).isEqualTo(points);
			assertThat(card.contentScore()).isEqualTo(100);
		}

		@ParameterizedTest
		@EnumSource(value = ModerationCode.class, names = { "FAKE_ENGAGEMENT", "DANGEROUS_ACT", "MINOR_ALONE" })
		void doesNotFireForAFlagAtConfidencePointSevenNine(ModerationCode flag) {
			assertThat(codes(score(Sessions.clean().flag(flag, 0.79)))).isEmpty();
		}

		@Test
		void countsEachCodeOnceWithAllItsFlags() {
			ScoreCard card = score(Sessions.clean()
				.flag(ModerationCode.MINOR_ALONE, 0.9)
				.flag(ModerationCode.MINOR_ALONE, 1.0)
				.flag(ModerationCode.DANGEROUS_ACT, 0.85));

			assertThat(codes(card)).containsExactly("DANGEROUS_ACT", "MINOR_ALONE");
			assertThat(finding(card, "MINOR_ALONE").evidence()).hasSize(2);
			assertThat(card.violationPoints()).isEqualTo(21);
		}

	}

}
