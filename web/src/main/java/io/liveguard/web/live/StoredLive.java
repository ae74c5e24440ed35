package io.liveguard.web.live;

import java.time.Instant;

import io.liveguard.engine.live.LiveStatus;
import org.jspecify.annotations.Nullable;

/**
 * A live's row: where it stands and what its counters say.
 *
 * @param liveId the live
 * @param sellerId its seller
 * @param market its market
 * @param startedAt when it started
 * @param status OPEN, REFUSED, STOPPED or ENDED
 * @param request the canonical go-live request JSON
 * @param answer the go-live answer JSON ({@link LiveAnswer})
 * @param packId the pack that checked it and decides it
 * @param packVersion that pack's version
 * @param strikes its strikes
 * @param signalsAccepted accepted signals, late ones included
 * @param duplicates signals ignored as duplicates
 * @param late accepted signals that were late
 * @param actions actions decided
 * @param batches requests of signals stored
 * @param lastSignalAt the newest {@code at} received, if any
 * @param lastViewers the latest viewers sent, if any
 * @param endedAt when it ended, once it did
 * @param scoreCard the card its end answered, once it ended
 */
record StoredLive(String liveId, String sellerId, String market, Instant startedAt, LiveStatus status, String request,
		String answer, String packId, int packVersion, int strikes, int signalsAccepted, int duplicates, int late,
		int actions, int batches, @Nullable Instant lastSignalAt, @Nullable Long lastViewers, @Nullable Instant endedAt,
		@Nullable String scoreCard) {
}
