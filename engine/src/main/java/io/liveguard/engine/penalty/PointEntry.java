package io.liveguard.engine.penalty;

import java.time.LocalDate;

import io.liveguard.engine.scoring.Severity;

/**
 * Violation points a seller earned with one finding of one session.
 *
 * @param sessionId the session
 * @param code the violation code
 * @param severity its severity
 * @param points the points it earned
 * @param earnedOn the session's business date
 * @param overturned whether an analyst overturned it on appeal (it no longer counts)
 */
public record PointEntry(String sessionId, String code, Severity severity, int points, LocalDate earnedOn,
		boolean overturned) {

	/** Whether it counts toward the seller's active points on {@code date}. */
	public boolean countsOn(LocalDate date, Ladder ladder) {
		return !this.overturned && ladder.counts(this.earnedOn, date);
	}

	public Reason reason() {
		return new Reason(this.sessionId, this.code, this.severity, this.points);
	}

	/** A finding a penalty rests on. */
	public record Reason(String sessionId, String code, Severity severity, int points) {
	}

}
