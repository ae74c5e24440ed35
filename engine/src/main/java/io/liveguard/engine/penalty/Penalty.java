package io.liveguard.engine.penalty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A live-posting penalty decided for a seller.
 *
 * @param penaltyId its id
 * @param sellerId the seller
 * @param level the level
 * @param startsAt 00:00 of the day after the deciding run's business date, market time
 * @param endsAt exclusive end, or null when permanent
 * @param lifted whether it was lifted because its reasons no longer reach its threshold
 * @param thresholdPoints the threshold its level had when decided
 * @param critical whether a CRITICAL violation brought it
 * @param decidedByRun the penalty run that decided it
 * @param decidedFor that run's business date
 * @param reasons the findings it rests on
 */
public record Penalty(String penaltyId, String sellerId, PenaltyLevel level, Instant startsAt, @Nullable Instant endsAt,
		boolean lifted, int thresholdPoints, boolean critical, long decidedByRun, LocalDate decidedFor,
		List<PointEntry.Reason> reasons) {

	public Penalty {
		reasons = List.copyOf(reasons);
	}

	public boolean isPermanent() {
		return this.endsAt == null;
	}

	/** Whether it stops the seller from going live at {@code at}. */
	public boolean covers(Instant at) {
		return !this.lifted && !at.isBefore(this.startsAt) && (this.endsAt == null || at.isBefore(this.endsAt));
	}

	/** ACTIVE, EXPIRED or LIFTED at {@code at}; a penalty not yet started is ACTIVE. */
	public Status statusAt(Instant at) {
		if (this.lifted) {
			return Status.LIFTED;
		}
		return (this.endsAt != null && !at.isBefore(this.endsAt)) ? Status.EXPIRED : Status.ACTIVE;
	}

	/** Whether it still stands: not lifted, and not over at {@code at}. */
	public boolean standsAt(Instant at) {
		return statusAt(at) == Status.ACTIVE;
	}

	public enum Status {

		ACTIVE, EXPIRED, LIFTED

	}

}
