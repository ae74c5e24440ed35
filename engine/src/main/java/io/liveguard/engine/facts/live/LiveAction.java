package io.liveguard.engine.facts.live;

import java.util.List;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.Severity;

/**
 * An action a deciding rule took, numbered from the live's state at that moment; Java
 * reads it after the rules fired and gives it its id, message and snapshot.
 */
public final class LiveAction {

	private final int number;

	private final ActionLevel level;

	private final String code;

	private final Severity severity;

	private final int strikes;

	private final long at;

	private final String rule;

	private final List<Evidence> evidence;

	/**
	 * The action {@code state} just counted for {@code candidate}: its number and strikes
	 * are the state's now.
	 */
	public LiveAction(LiveState state, ActionLevel level, Candidate candidate) {
		this.number = state.getActions();
		this.level = level;
		this.code = candidate.getCode();
		this.severity = candidate.getSeverity();
		this.strikes = state.getStrikes();
		this.at = candidate.getAt();
		this.rule = candidate.getRule();
		this.evidence = candidate.getEvidence();
	}

	/** n of the action id {@code {liveId}:{n}}, from 1. */
	public int getNumber() {
		return this.number;
	}

	public ActionLevel getLevel() {
		return this.level;
	}

	public String getCode() {
		return this.code;
	}

	public Severity getSeverity() {
		return this.severity;
	}

	/** The live's strikes after this action. */
	public int getStrikes() {
		return this.strikes;
	}

	public long getAt() {
		return this.at;
	}

	/** The classifying rule that saw what the action is about. */
	public String getRule() {
		return this.rule;
	}

	public List<Evidence> getEvidence() {
		return this.evidence;
	}

}
