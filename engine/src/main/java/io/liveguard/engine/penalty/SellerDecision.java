package io.liveguard.engine.penalty;

import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one penalty run decided for one seller.
 *
 * @param sellerId the seller
 * @param runDate the run's business date
 * @param alreadyDecided true when a run for this date or a later one already decided for
 * the seller; then nothing else is set and nothing may be stored
 * @param activePoints the seller's active points on the run date
 * @param penalty the new penalty, if the points reached a level above the reached level
 * @param lifted ids of penalties whose reasons no longer reach their threshold
 * @param warnings warnings for the seller
 * @param reachedLevel the seller's reached level after the run
 */
public record SellerDecision(String sellerId, LocalDate runDate, boolean alreadyDecided, int activePoints,
		@Nullable Penalty penalty, List<String> lifted, List<Warning> warnings, @Nullable PenaltyLevel reachedLevel) {

	public SellerDecision {
		lifted = List.copyOf(lifted);
		warnings = List.copyOf(warnings);
	}

	static SellerDecision alreadyDecided(String sellerId, LocalDate runDate) {
		return new SellerDecision(sellerId, runDate, true, 0, null, List.of(), List.of(), null);
	}

}
