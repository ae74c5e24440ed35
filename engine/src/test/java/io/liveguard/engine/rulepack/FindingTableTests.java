package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.util.List;

import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Turning a session's detections into findings, deltas, points and a content score. */
class FindingTableTests {

	private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

	private final FindingTable table = new FindingTable(List.of(quality("HOST_ABSENT", -15, null),
			quality("PRODUCT_NOT_SHOWN", -5, -15), quality("DEAD_AIR", -10, null),
			quality("STATIC_OR_PRERECORDED", -30, null), quality("TRANSPARENT_INFO", 5, null), quality("BONUS", 5, 8),
			violation("LOW_QUALITY_SESSION", Severity.MINOR, 1), violation("VULGAR_CONTENT", Severity.MODERATE, 3),
			violation("UNVERIFIED_HOST", Severity.SEVERE, 6), violation("MINOR_ALONE", Severity.CRITICAL, 15)));

	@Test
	void startsFromAFullScoreWithNothingFound() {
		FindingTable.Decision decision = this.table.decide(List.of());

		assertThat(decision.findings()).isEmpty();
		assertThat(decision.contentScore()).isEqualTo(100);
		assertThat(decision.violationPoints()).isZero();
	}

	@Test
	void groupsAViolationCodeIntoOneFindingWithMergedDeDuplicatedTimeSortedEvidence() {
		Evidence early = evidence(1, "MODERATION_FLAG", "VULGAR_LANGUAGE, confidence 0.9");
		Evidence middle = evidence(5, "MODERATION_FLAG", "INDECENT_ATTIRE, confidence 0.95");
		Evidence late = evidence(9, "MODERATION_FLAG", "VULGAR_LANGUAGE, confidence 0.85");
		List<Detection> detections = List.of(new Detection("VULGAR_CONTENT", "vulgar rule", late),
				new Detection("VULGAR_CONTENT", "attire rule", List.of(middle, early)),
				new Detection("VULGAR_CONTENT", "vulgar rule", early));

		FindingTable.Decision decision = this.table.decide(detections);

		assertThat(decision.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo("VULGAR_CONTENT");
			assertThat(finding.evidence()).containsExactly(early, middle, late);
			assertThat(finding.rule()).isEqualTo("attire rule; vulgar rule");
			assertThat(finding.points()).isEqualTo(3);
		});
		assertThat(decision.violationPoints()).isEqualTo(3);
	}

	@Test
	void ordersEvidenceAtTheSameInstantByTypeThenDetail() {
		Evidence b = evidence(1, "TRANSCRIPT", "b");
		Evidence a = evidence(1, "TRANSCRIPT", "a");
		Evidence flag = evidence(1, "MODERATION_FLAG", "z");

		Finding finding = this.table.decide(List.of(new Detection("VULGAR_CONTENT", "r", List.of(b, a, flag))))
			.findings()
			.get(0);

		assertThat(finding.evidence()).containsExactly(flag, a, b);
	}

	@Test
	void keepsOneViolationFindingWhateverTheSubjects() {
		List<Detection> detections = List.of(
				new Detection("UNVERIFIED_HOST", "p-1", "r", List.of(evidence(1, "PRODUCT", "p-1"))),
				new Detection("UNVERIFIED_HOST", "p-2", "r", List.of(evidence(2, "PRODUCT", "p-2"))));

		FindingTable.Decision decision = this.table.decide(detections);

		assertThat(decision.findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.evidence()).hasSize(2));
		assertThat(decision.violationPoints()).isEqualTo(6);
	}

	@Test
	void keepsOneQualityFindingPerSubject() {
		List<Detection> detections = List.of(notShown("p-2", 2), notShown("p-1", 1), notShown("p-2", 3));

		FindingTable.Decision decision = this.table.decide(detections);

		assertThat(decision.findings()).extracting(Finding::code)
			.containsExactly("PRODUCT_NOT_SHOWN", "PRODUCT_NOT_SHOWN");
		assertThat(decision.findings().get(0).evidence()).extracting(Evidence::detail).containsExactly("p-1");
		assertThat(decision.findings().get(1).evidence()).extracting(Evidence::detail).containsExactly("p-2", "p-2");
		assertThat(decision.findings()).extracting(Finding::scoreDelta).containsExactly(-5, -5);
		assertThat(decision.contentScore()).isEqualTo(90);
	}

	@Test
	void countsAQualityCodeWithoutSubjectOnce() {
		List<Detection> detections = List.of(new Detection("HOST_ABSENT", "r", evidence(1, "HOST_ABSENT", "a")),
				new Detection("HOST_ABSENT", "r", evidence(2, "HOST_ABSENT", "b")));

		FindingTable.Decision decision = this.table.decide(detections);

		assertThat(decision.findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.scoreDelta()).isEqualTo(-15));
		assertThat(decision.contentScore()).isEqualTo(85);
	}

	@Test
	void capsTheTotalDeltaOfACode() {
		List<Detection> detections = List.of(notShown("p-1", 1), notShown("p-2", 2), notShown("p-3", 3),
				notShown("p-4", 4));

		FindingTable.Decision decision = this.table.decide(detections);

		assertThat(decision.findings()).hasSize(4);
		assertThat(decision.findings()).extracting(Finding::scoreDelta).containsExactly(-5, -5, -5, 0);
		assertThat(decision.contentScore()).isEqualTo(85);
	}

	@Test
	void capsAPositiveDeltaWithAPartialLastStep() {
		List<Detection> detections = List.of(new Detection("BONUS", "a", "r", List.of(evidence(1, "X", "a"))),
				new Detection("BONUS", "b", "r", List.of(evidence(2, "X", "b"))),
				new Detection("BONUS", "c", "r", List.of(evidence(3, "X", "c"))),
				new Detection("HOST_ABSENT", "r", evidence(4, "HOST_ABSENT", "away")));

		FindingTable.Decision decision = this.table.decide(detections);

		assertThat(decision.findings()).extracting(Finding::scoreDelta).containsExactly(-15, 5, 3, 0);
		assertThat(decision.contentScore()).isEqualTo(93);
	}

	@Test
	void clampsTheScoreAtZero() {
		FindingTable lowFloor = new FindingTable(List.of(quality("A", -60, null), quality("B", -50, null)));

		FindingTable.Decision decision = lowFloor.decide(List.of(detection("A"), detection("B")));

		assertThat(decision.contentScore()).isZero();
		assertThat(decision.findings()).extracting(Finding::scoreDelta).containsExactly(-60, -50);
	}

	@Test
	void clampsTheScoreAtOneHundred() {
		FindingTable.Decision decision = this.table.decide(List.of(detection("TRANSPARENT_INFO")));

		assertThat(decision.contentScore()).isEqualTo(100);
		assertThat(decision.findings()).singleElement()
			.satisfies((finding) -> assertThat(finding.scoreDelta()).isEqualTo(5));
	}

	@Test
	void addsABonusBeforeClampingSoItMakesUpForALoss() {
		FindingTable.Decision decision = this.table
			.decide(List.of(detection("TRANSPARENT_INFO"), detection("DEAD_AIR")));

		assertThat(decision.contentScore()).isEqualTo(95);
	}

	@Test
	void listsQualityFindingsFirstThenViolationsInTableOrder() {
		FindingTable violationFirst = new FindingTable(List.of(violation("V1", Severity.MINOR, 1),
				quality("Q1", -10, null), violation("V2", Severity.SEVERE, 6), quality("Q2", -5, null)));

		FindingTable.Decision decision = violationFirst
			.decide(List.of(detection("V2"), detection("Q2"), detection("V1"), detection("Q1")));

		assertThat(decision.findings()).extracting(Finding::code).containsExactly("Q1", "Q2", "V1", "V2");
		assertThat(decision.findings()).extracting(Finding::kind)
			.containsExactly(FindingKind.QUALITY, FindingKind.QUALITY, FindingKind.VIOLATION, FindingKind.VIOLATION);
	}

	@Test
	void sumsThePointsOfEveryViolationAndNoneOfQualityFindings() {
		FindingTable.Decision decision = this.table
			.decide(List.of(detection("MINOR_ALONE"), detection("UNVERIFIED_HOST"), detection("VULGAR_CONTENT"),
					detection("LOW_QUALITY_SESSION"), detection("HOST_ABSENT")));

		assertThat(decision.violationPoints()).isEqualTo(25);
		assertThat(decision.findings()).filteredOn((finding) -> !finding.isViolation())
			.extracting(Finding::points)
			.containsOnly(0);
		assertThat(decision.findings()).filteredOn(Finding::isViolation)
			.extracting(Finding::scoreDelta)
			.containsOnly(0);
		assertThat(decision.findings()).filteredOn(Finding::isViolation)
			.extracting(Finding::severity)
			.containsExactly(Severity.MINOR, Severity.MODERATE, Severity.SEVERE, Severity.CRITICAL);
	}

	@Test
	void ignoresViolationsInTheContentScore() {
		assertThat(this.table.contentScore(List.of(detection("MINOR_ALONE"), detection("DEAD_AIR")))).isEqualTo(90);
	}

	@Test
	void rejectsACodeTheTableDoesNotListNamingTheRule() {
		List<Detection> detections = List.of(new Detection("NOT_IN_TABLE", "a sloppy rule", evidence(1, "X", "x")));

		assertThatIllegalStateException().isThrownBy(() -> this.table.decide(detections))
			.withMessageContaining("a sloppy rule")
			.withMessageContaining("NOT_IN_TABLE");
	}

	@Test
	void knowsItsCodesAndTheirKinds() {
		assertThat(this.table.contains("DEAD_AIR")).isTrue();
		assertThat(this.table.contains("NOPE")).isFalse();
		assertThat(this.table.isQuality("DEAD_AIR")).isTrue();
		assertThat(this.table.isQuality("MINOR_ALONE")).isFalse();
		assertThat(this.table.isQuality("NOPE")).isFalse();
		assertThat(this.table.qualityCodes()).containsExactly("HOST_ABSENT", "PRODUCT_NOT_SHOWN", "DEAD_AIR",
				"STATIC_OR_PRERECORDED", "TRANSPARENT_INFO", "BONUS");
	}

	private static FindingRule quality(String code, int delta, Integer maxTotal) {
		return new FindingRule(code, FindingKind.QUALITY, Severity.INFO, 0, delta, maxTotal, code);
	}

	private static FindingRule violation(String code, Severity severity, int points) {
		return new FindingRule(code, FindingKind.VIOLATION, severity, points, 0, null, code);
	}

	private static Evidence evidence(int minute, String type, String detail) {
		return new Evidence(T0.plusSeconds(60L * minute), type, detail);
	}

	private static Detection detection(String code) {
		return new Detection(code, code + " rule", evidence(0, "SESSION", code));
	}

	private static Detection notShown(String sku, int minute) {
		return new Detection("PRODUCT_NOT_SHOWN", sku, "PRODUCT_NOT_SHOWN rule",
				List.of(evidence(minute, "PRODUCT", sku)));
	}

}
