package io.liveguard.bench;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.Profile;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.FindingKind;
import io.liveguard.engine.scoring.ScoreCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's sessions score as the generator meant, with the default pack. */
class GeneratedMixTests {

	private static final Instant SCORED_AT = Instant.parse("2026-12-01T00:00:00Z");

	@Test
	void mixScoresEveryViolationCodeAndEachSessionAsItsProfileIntends() {
		CompiledPack pack = DefaultPackFixture.pack();
		GeneratorSettings settings = GeneratorSettings.defaults().withCount(5_000).withSellers(150).withSeed(11);
		Map<String, Integer> violations = new TreeMap<>();
		for (GeneratedSession generated : new SessionGenerator(settings)) {
			ScoreCard card = pack.score(generated.session(), generated.history(), SCORED_AT);
			Set<String> found = card.findings().stream().map(Finding::code).collect(Collectors.toSet());
			String id = generated.session().sessionId() + " (" + generated.profile() + ") " + found;
			switch (generated.profile()) {
				case CLEAN -> {
					assertThat(card.violations()).as(id).isEmpty();
					assertThat(card.contentScore()).as(id).isEqualTo(100);
					assertThat(card.findings()).as(id).allMatch((f) -> f.code().equals("TRANSPARENT_INFO"));
				}
				case SLOPPY -> {
					assertThat(card.violations()).as(id).isEmpty();
					assertThat(found).as(id).containsAll(generated.plantedQuality());
					assertThat(card.contentScore()).as(id).isBetween(50, 100);
				}
				case VIOLATING -> assertThat(found).as(id).containsAll(generated.plantedViolations());
			}
			assertThat(found.contains("LOW_QUALITY_SESSION")).as(id).isEqualTo(card.contentScore() < 50);
			card.violations().forEach((finding) -> violations.merge(finding.code(), 1, Integer::sum));
		}
		assertThat(violations.keySet()).containsExactlyInAnyOrderElementsOf(pack.settings()
			.findings()
			.rules()
			.stream()
			.filter((rule) -> rule.kind() == FindingKind.VIOLATION)
			.map((rule) -> rule.code())
			.toList());
		assertThat(Profile.values()).hasSize(3);
	}

}
