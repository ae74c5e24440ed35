package io.liveguard.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.Lives;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replaying a generated live's requests into a fresh decider gives the same actions with
 * the same ids. The differential test against a plain-Java reading of section 4 is
 * {@code LiveDifferentialTests} in the bench module, next to that reading
 * ({@code PlainJavaLive}), which the lives benchmark uses too.
 */
class LiveReplayTests {

	private final Lives lives = LiveScript.lives();

	@Test
	void replayingALivesSignalsIntoAFreshDeciderDecidesTheSameActionsWithTheSameIds() {
		LiveGenerator generator = new LiveGenerator(29);
		for (int i = 0; i < 200; i++) {
			GeneratedLive generated = generator.live(i);
			GoLiveAnswer answer = this.lives.check(generated.request(), List.of());
			List<Action> first = run(generated, answer, Instant.parse("2026-12-03T12:00:00Z"));
			List<Action> replayed = run(generated, answer, Instant.parse("2026-12-04T08:00:00Z"));

			assertThat(replayed).extracting(LiveReplayTests::withoutDecidedAt)
				.containsExactlyElementsOf(first.stream().map(LiveReplayTests::withoutDecidedAt).toList());
		}
	}

	private List<Action> run(GeneratedLive generated, GoLiveAnswer answer, Instant decidedAt) {
		List<Action> actions = new ArrayList<>();
		try (LiveDecider live = this.lives.open(generated.request(), answer)) {
			for (GeneratedLive.Request request : generated.requests()) {
				actions.addAll(live.decide(request.signals(), request.viewers(), decidedAt).actions());
			}
		}
		return actions;
	}

	private static Action withoutDecidedAt(Action action) {
		return new Action(action.actionId(), action.liveId(), action.level(), action.code(), action.severity(),
				action.strikes(), action.at(), Instant.EPOCH, action.message(), action.rule(), action.evidence(),
				action.snapshot());
	}

}
