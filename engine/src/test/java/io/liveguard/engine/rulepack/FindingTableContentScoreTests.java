package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.liveguard.engine.facts.Detection;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The content-score shortcut the deciding rules call agrees with the full decision. */
class FindingTableContentScoreTests {

	private static final FindingTable TABLE = new FindingTable(
			List.of(new FindingRule("SHORT_SESSION", FindingKind.QUALITY, Severity.INFO, 0, -10, null, ""),
					new FindingRule("HOST_ABSENT", FindingKind.QUALITY, Severity.INFO, 0, -15, null, ""),
					new FindingRule("PRODUCT_NOT_SHOWN", FindingKind.QUALITY, Severity.INFO, 0, -5, -15, ""),
					new FindingRule("STATIC_OR_PRERECORDED", FindingKind.QUALITY, Severity.INFO, 0, -30, null, ""),
					new FindingRule("TRANSPARENT_INFO", FindingKind.QUALITY, Severity.INFO, 0, 5, null, ""),
					new FindingRule("BONUS", FindingKind.QUALITY, Severity.INFO, 0, 4, 6, ""),
					new FindingRule("NO_LIVE_HOST", FindingKind.VIOLATION, Severity.MODERATE, 3, 0, null, "")));

	private static final Evidence EVIDENCE = new Evidence(Instant.parse("2026-11-20T12:00:00Z"), "SESSION", "x");

	@Test
	void contentScoreIsWhatDecideGivesForAnyMixOfDetections() {
		SplittableRandom rng = new SplittableRandom(3);
		List<String> codes = List.of("SHORT_SESSION", "HOST_ABSENT", "PRODUCT_NOT_SHOWN", "STATIC_OR_PRERECORDED",
				"TRANSPARENT_INFO", "BONUS", "NO_LIVE_HOST", "NOT_IN_TABLE");
		for (int round = 0; round < 2_000; round++) {
			List<Detection> detections = new ArrayList<>();
			int count = rng.nextInt(12);
			for (int i = 0; i < count; i++) {
				String code = codes.get(rng.nextInt(codes.size()));
				String subject = switch (rng.nextInt(4)) {
					case 0 -> null;
					case 1 -> "";
					default -> "sku-" + rng.nextInt(5);
				};
				detections.add(new Detection(code, subject, "rule " + i, List.of(EVIDENCE)));
			}
			List<Detection> known = detections.stream().filter((d) -> TABLE.contains(d.getCode())).toList();
			assertThat(TABLE.contentScore(detections)).as(detections.toString())
				.isEqualTo(TABLE.decide(known).contentScore());
		}
	}

	@Test
	void boundsProductNotShownAndClampsTheScore() {
		List<Detection> fourUnshown = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			fourUnshown.add(new Detection("PRODUCT_NOT_SHOWN", "sku-" + i, "rule", List.of(EVIDENCE)));
		}
		assertThat(TABLE.contentScore(fourUnshown)).isEqualTo(85);
		List<Detection> all = new ArrayList<>(fourUnshown);
		for (String code : List.of("SHORT_SESSION", "HOST_ABSENT", "STATIC_OR_PRERECORDED", "STATIC_OR_PRERECORDED")) {
			all.add(new Detection(code, "rule", EVIDENCE));
		}
		assertThat(TABLE.contentScore(all)).isEqualTo(30);
		assertThat(TABLE.contentScore(List.of(new Detection("TRANSPARENT_INFO", "rule", EVIDENCE)))).isEqualTo(100);
		assertThat(TABLE.contentScore(List.of())).isEqualTo(100);
	}

}
