package io.liveguard.engine.penalty;

/** How violation points stop counting. */
public enum PointsExpiry {

	/**
	 * Points count within the calendar quarter of their session and reset when the next
	 * starts.
	 */
	QUARTERLY,
	/** Points count for a fixed number of days after their session's business date. */
	ROLLING_DAYS

}
