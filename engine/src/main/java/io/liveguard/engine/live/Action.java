package io.liveguard.engine.live;

import java.time.Instant;
import java.util.List;

import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Severity;

/**
 * An action decided during a live (live.md).
 *
 * @param actionId {@code {liveId}:{n}}, n counting the live's actions from 1
 * @param liveId the live
 * @param level REMIND, WARN or STOP
 * @param code the violation or reminder code
 * @param severity its severity, INFO for reminders
 * @param strikes the live's strikes after it
 * @param at the {@code at} of the signal that decided it
 * @param decidedAt when LiveGuard decided it (the caller's clock; not part of what a
 * replay repeats)
 * @param message for the host, in the market's language and in English
 * @param rule the rule that saw what it is about
 * @param evidence the signals it rests on
 * @param snapshot the stretch of the stream the platform should keep
 */
public record Action(String actionId, String liveId, ActionLevel level, String code, Severity severity, int strikes,
		Instant at, Instant decidedAt, Message message, String rule, List<Evidence> evidence, Snapshot snapshot) {

	public Action {
		evidence = List.copyOf(evidence);
	}

	/**
	 * The host's message.
	 *
	 * @param language the market's language ({@code en} when the pack names none)
	 * @param text in that language
	 * @param english in English
	 */
	public record Message(String language, String text, String english) {
	}

	/**
	 * What the platform should keep as evidence: {@code live.snapshot} either side of
	 * {@code at}, not before the live's start.
	 *
	 * @param from inclusive
	 * @param to inclusive
	 */
	public record Snapshot(Instant from, Instant to) {
	}

}
