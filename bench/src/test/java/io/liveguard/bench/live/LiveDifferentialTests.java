package io.liveguard.bench.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.Lives;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.text.KeywordMatcher;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 generated lives decided by the default pack's live rules and by
 * {@link PlainJavaLive}, an independent plain-Java reading of section 4 (the one the
 * lives benchmark compares the pack with), give identical actions.
 */
class LiveDifferentialTests {

	private static final Logger logger = LoggerFactory.getLogger(LiveDifferentialTests.class);

	private static final int LIVES = 2_000;

	private static final CompiledPack PACK = ScoringEngine.withClasspathPacks("default")
		.registry()
		.active("default")
		.orElseThrow();

	private final Lives lives = new Lives(PACK);

	private final KeywordMatcher keywords = new KeywordMatcher(PACK.settings().keywordLists());

	@Test
	void thePackAndThePlainJavaReadingDecideTheSameActionsForTwoThousandLives() {
		LiveGenerator generator = new LiveGenerator(13);
		Map<String, Integer> byCode = new TreeMap<>();
		Map<ActionLevel, Integer> byLevel = new HashMap<>();
		long signals = 0;
		long nanos = 0;
		int mismatches = 0;
		List<String> firstMismatches = new ArrayList<>();
		for (int i = 0; i < LIVES; i++) {
			GeneratedLive generated = generator.live(i);
			GoLiveAnswer answer = this.lives.check(generated.request(), List.of());
			PlainJavaLive oracle = new PlainJavaLive(generated.request(), answer.blockedSkus(), this.keywords);
			List<PlainJavaLive.Decided> engine = new ArrayList<>();
			try (LiveDecider live = this.lives.open(generated.request(), answer)) {
				long started = System.nanoTime();
				for (GeneratedLive.Request request : generated.requests()) {
					live.decide(request.signals(), request.viewers(), Instant.EPOCH)
						.actions()
						.forEach((action) -> engine.add(decided(action)));
				}
				nanos += System.nanoTime() - started;
			}
			generated.requests().forEach(oracle::send);
			signals += generated.signalCount();
			if (!engine.equals(oracle.decided())) {
				mismatches++;
				if (firstMismatches.size() < 3) {
					firstMismatches.add(generated.request().liveId() + " planted " + generated.planted() + "\n engine "
							+ engine + "\n oracle " + oracle.decided());
				}
			}
			engine.forEach((action) -> {
				byCode.merge(action.code(), 1, Integer::sum);
				byLevel.merge(action.level(), 1, Integer::sum);
			});
		}
		logger.info(
				"{} lives, {} signals decided by the pack in {} ms ({} signals/s, one thread); actions by code {}, "
						+ "by level {}; {} lives differ",
				LIVES, signals, nanos / 1_000_000, signals * 1_000_000_000L / nanos, byCode, byLevel, mismatches);

		assertThat(firstMismatches).isEmpty();
		assertThat(byCode.keySet()).containsAll(LiveGenerator.CODES);
		assertThat(byLevel).containsKeys(ActionLevel.REMIND, ActionLevel.WARN, ActionLevel.STOP);
	}

	private static PlainJavaLive.Decided decided(Action action) {
		return new PlainJavaLive.Decided(action.actionId(), action.level(), action.code(), action.severity(),
				action.strikes(), action.at());
	}

}
