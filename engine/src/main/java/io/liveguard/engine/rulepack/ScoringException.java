package io.liveguard.engine.rulepack;

/** A rule pack failed while scoring a session (a rule that loops, a rule that throws). */
public class ScoringException extends RuntimeException {

	public ScoringException(String message) {
		super(message);
	}

	public ScoringException(String message, Throwable cause) {
		super(message, cause);
	}

}
