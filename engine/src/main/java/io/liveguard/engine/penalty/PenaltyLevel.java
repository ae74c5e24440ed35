package io.liveguard.engine.penalty;

/** The graded live-posting penalties, lowest first. */
public enum PenaltyLevel {

	BAN_3D, BAN_7D, BAN_30D, PERMANENT;

	public boolean isAbove(PenaltyLevel other) {
		return compareTo(other) > 0;
	}

}
