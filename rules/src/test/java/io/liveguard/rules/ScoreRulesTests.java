package io.liveguard.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.rulepack.FindingRule;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import org.junit.jupiter.api.Test;

import static io.liveguard.rules.DefaultPack.codes;
import static io.liveguard.rules.DefaultPack.finding;
import static io.liveguard.rules.DefaultPack.score;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deciding rules (content score, LOW_QUALITY_SESSION) and the shape of every score
 * card: rule names, evidence, order and points.
 */
class ScoreRulesTests {

	private static final String CONTENT_SCORE_RULE = "Content score: 100 plus the quality deltas of findings.csv, clamped to 0..100";

	@Test
	void firesLowQualitySessionForAScoreOf45() {
		ScoreCard card = score(Sessions.clean()
			.lasting(Duration.ofMinutes(14))
			.hostAbsent(100)
			.deadAir(50)
			.comments(20, 0)
			.stream(360, 0));

		assertThat(card.contentScore()).isEqualTo(45);
		Finding finding = finding(card, "LOW_QUALITY_SESSION");
		assertThat(finding.kind()).isEqualTo(FindingKind.VIOLATION);
		assertThat(finding.severity()).isEqualTo(Severity.MINOR);
		assertThat(finding.points()).isEqualTo(1);
		assertThat(finding.rule()).isEqualTo("LOW_QUALITY_SESSION: a content score under the minimum");
		assertThat(finding.evidence()).singleElement().satisfies((evidence) -> {
			assertThat(evidence.signalType()).isEqualTo("CONTENT_SCORE");
			assertThat(evidence.detail()).isEqualTo("content score 45");
			assertThat(evidence.at()).isEqualTo(Sessions.START.plus(Duration.ofMinutes(14)));
		});
		assertThat(card.violationPoints()).isEqualTo(1);
	}

	@Test
	void doesNotFireLowQualitySessionForAScoreOfExactly50() {
		ScoreCard card = score(Sessions.clean()
			.hostAbsent(400)
			.deadAir(200)
			.comments(20, 0)
			.stream(360, 0)
			.product(Sessions.product("p-2", ProductCategory.GENERAL)));

		assertThat(card.contentScore()).isEqualTo(50);
		assertThat(codes(card)).doesNotContain("LOW_QUALITY_SESSION");
		assertThat(card.violationPoints()).isZero();
	}

	@Test
	void firesLowQualitySessionForAScoreOf45WithoutTheBonus() {
		ScoreCard card = score(Sessions.clean().flag(ModerationCode.STATIC_IMAGE, 0.9).hostAbsent(400).deadAir(200));

		assertThat(card.contentScore()).isEqualTo(45);
		assertThat(codes(card)).contains("LOW_QUALITY_SESSION");
	}

	@Test
	void doesNotFireLowQualitySessionWhenTheBonusLiftsTheScoreTo50() {
		ScoreCard card = score(Sessions.clean()
			.flag(ModerationCode.STATIC_IMAGE, 0.9)
			.hostAbsent(400)
			.deadAir(200)
			.transcript("xuất xứ Việt Nam, hạn sử dụng 12 tháng"));

		assertThat(card.contentScore()).isEqualTo(50);
		assertThat(codes(card)).containsExactly("HOST_ABSENT", "DEAD_AIR", "STATIC_OR_PRERECORDED", "TRANSPARENT_INFO",
				"NO_LIVE_HOST");
		assertThat(card.violationPoints()).isEqualTo(3);
	}

	@Test
	void clampsTheContentScoreAtZero() {
		ScoreCard card = score(Sessions.clean()
			.lasting(Duration.ofMinutes(10))
			.flag(ModerationCode.PRERECORDED_CONTENT, 0.99)
			.hostAbsent(300)
			.deadAir(300)
			.comments(50, 0)
			.stream(240, 0)
			.product(Sessions.product("p-2", ProductCategory.GENERAL))
			.product(Sessions.product("p-3", ProductCategory.GENERAL))
			.product(Sessions.product("p-4", ProductCategory.GENERAL)));

		assertThat(card.contentScore()).isZero();
		assertThat(finding(card, "LOW_QUALITY_SESSION").evidence().get(0).detail()).isEqualTo("content score 0");
	}

	@Test
	void findsEveryCodeOfTheTableInTableOrderWithQualityFirst() {
		ScoreCard card = score(everything(), history());

		List<String> tableOrder = DefaultPack.pack()
			.settings()
			.findings()
			.rules()
			.stream()
			.map(FindingRule::code)
			.toList();
		assertThat(card.findings()).extracting(Finding::code).containsExactlyElementsOf(tableOrder);
		assertThat(card.findings()).extracting(Finding::kind).isSortedAccordingTo(Comparator.naturalOrder());
		assertThat(card.contentScore()).isEqualTo(15);
	}

	@Test
	void sumsThePointsOfEveryViolation() {
		ScoreCard card = score(everything(), history());

		assertThat(card.violationPoints()).isEqualTo(80)
			.isEqualTo(card.findings().stream().mapToInt(Finding::points).sum());
		assertThat(card.findings()).filteredOn((finding) -> finding.kind() == FindingKind.QUALITY)
			.allSatisfy((finding) -> {
				assertThat(finding.points()).isZero();
				assertThat(finding.severity()).isEqualTo(Severity.INFO);
			});
		assertThat(card.violations()).allSatisfy((finding) -> assertThat(finding.scoreDelta()).isZero());
	}

	@Test
	void namesTheRuleAndCitesTimedTypedDescribedEvidenceInEveryFinding() {
		LiveSession session = everything();
		ScoreCard card = score(session, history());
		Set<String> ruleNames = DefaultPack.pack().ruleNames();

		assertThat(card.findings()).allSatisfy((finding) -> {
			assertThat(finding.rule().split("; ")).allSatisfy((rule) -> {
				assertThat(ruleNames).contains(rule);
				assertThat(rule).startsWith(finding.code() + ": ");
			});
			assertThat(finding.evidence()).isNotEmpty().allSatisfy((evidence) -> {
				assertThat(evidence.at()).isNotNull();
				assertThat(evidence.signalType()).isNotBlank();
				assertThat(evidence.detail()).isNotBlank();
			});
			assertThat(finding.evidence()).extracting(Evidence::at).isSorted();
			assertThat(finding.evidence()).doesNotHaveDuplicates();
		});
		assertThat(card.findings()).flatExtracting(Finding::evidence)
			.filteredOn((evidence) -> !evidence.signalType().equals("PRIOR_SESSION"))
			.allSatisfy((evidence) -> assertThat(evidence.at()).isBetween(session.startedAt(), session.endedAt()));
	}

	@Test
	void firesEveryClassifyingRuleOfThePackForTheWorstSession() {
		ScoreCard card = score(everything(), history());
		Set<String> fired = new TreeSet<>();
		card.findings().forEach((finding) -> fired.addAll(Arrays.asList(finding.rule().split("; "))));

		Set<String> classifying = new TreeSet<>(DefaultPack.pack().ruleNames());
		classifying.remove(CONTENT_SCORE_RULE);
		assertThat(fired).isEqualTo(classifying);
	}

	@Test
	void recordsThePackVersionAndTheBusinessDateInTheMarketsTimeZone() {
		LiveSession lateEvening = Sessions.startingAt(Instant.parse("2026-11-20T17:30:00Z")).build();

		ScoreCard card = score(lateEvening, SellerHistory.NONE);

		assertThat(card.rulePack()).hasToString("default v1");
		assertThat(card.businessDate()).hasToString("2026-11-21");
		assertThat(card.sessionId()).isEqualTo("s-test-1");
		assertThat(card.sellerId()).isEqualTo("shop-test");
	}

	/** A 14-minute session that earns every code of the default pack, each once. */
	private static LiveSession everything() {
		Product food = new Product("candy-1", ProductCategory.FUNCTIONAL_FOOD, null, "KR", "CN", 300_000, 100_000);
		return Sessions.clean()
			.lasting(Duration.ofMinutes(14))
			.unverifiedHost()
			.comments(20, 0)
			.viewerReports(5, 1000)
			.productShown(food)
			.product(Sessions.product("ivory-1", ProductCategory.PROHIBITED))
			.hostAbsent(100)
			.deadAir(50)
			.stream(360, 60)
			.flag(ModerationCode.STATIC_IMAGE, 0.9)
			.flag(ModerationCode.VULGAR_LANGUAGE, 0.9)
			.flag(ModerationCode.OFF_PLATFORM_REDIRECT, 0.9)
			.flag(ModerationCode.MISLEADING_CLAIM, 0.9)
			.flag(ModerationCode.FAKE_ENGAGEMENT, 0.9)
			.flag(ModerationCode.DANGEROUS_ACT, 0.9)
			.flag(ModerationCode.MINOR_ALONE, 0.9)
			.flag(ModerationCode.COUNTERFEIT, 0.9)
			.transcript("Kết bạn Zalo shop nhé")
			.transcript("Kẹo này chữa khỏi tiểu đường")
			.transcript("Xuất xứ Hàn Quốc, thành phần tự nhiên")
			.build();
	}

	private static SellerHistory history() {
		return new SellerHistory(List
			.of(new SellerHistory.PriorSale("s-before", Sessions.START.minus(Duration.ofDays(2)), "candy-1", 100_000)));
	}

}
