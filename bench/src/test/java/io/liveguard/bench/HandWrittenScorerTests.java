package io.liveguard.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test: the Drools pack and the hand-written scorer agree on every score
 * card of a large generated mix, rule names and scoring instants aside. Each cross-checks
 * the other.
 */
class HandWrittenScorerTests {

	static final int SESSIONS = 20_000;

	private static final Instant SCORED_AT = Instant.parse("2026-12-01T00:00:00Z");

	@Test
	void droolsAndHandWrittenAgreeOnTwentyThousandGeneratedSessions() {
		CompiledPack pack = DefaultPackFixture.pack();
		HandWrittenScorer handWritten = new HandWrittenScorer(pack);
		GeneratorSettings settings = GeneratorSettings.defaults()
			.withCount(SESSIONS)
			.withSellers(400)
			.withDays(30)
			.withSeed(20261101)
			.withHistoryDays(pack.settings().historyDays());
		List<String> differences = new ArrayList<>();
		Map<String, Integer> codes = new TreeMap<>();
		int compared = 0;
		for (GeneratedSession generated : new SessionGenerator(settings)) {
			ScoreCard drools = pack.score(generated.session(), generated.history(), SCORED_AT);
			ScoreCard hand = handWritten.score(generated.session(), generated.history(), SCORED_AT);
			ScoreCardView expected = ScoreCardView.of(drools);
			ScoreCardView actual = ScoreCardView.of(hand);
			if (!expected.equals(actual) && differences.size() < 5) {
				differences.add(generated.session().sessionId() + "\n  drools:       " + expected + "\n  hand-written: "
						+ actual);
			}
			drools.findings().stream().map(Finding::code).forEach((code) -> codes.merge(code, 1, Integer::sum));
			compared++;
		}
		assertThat(compared).isEqualTo(SESSIONS);
		assertThat(differences).as("score cards that differ (first five)").isEmpty();
		// the comparison means something only if the mix exercises every code of the
		// findings table
		assertThat(codes.keySet())
			.containsAll(pack.settings().findings().rules().stream().map((rule) -> rule.code()).toList());
	}

}
