package io.liveguard.engine.live;

import io.liveguard.engine.session.Signal;

/**
 * A signal of a live: a session-record signal and the positive number the platform gave
 * it.
 *
 * @param seq the platform's number; a seq received before is a duplicate
 * @param signal the signal
 */
public record SequencedSignal(long seq, Signal signal) {

	public SequencedSignal {
		if (seq <= 0) {
			throw new IllegalArgumentException("seq must be positive, was " + seq);
		}
	}

}
