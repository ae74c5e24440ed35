package io.liveguard.engine.live;

import java.util.TreeSet;

/**
 * The seqs a live received, kept small: platforms number their signals 1, 2, 3, ..., so
 * all seqs up to the highest without a gap are one number, and only those that arrived
 * ahead of a gap are kept one by one until the gap fills.
 */
final class SeenSeqs {

	private long contiguous;

	private final TreeSet<Long> ahead = new TreeSet<>();

	/** Records {@code seq}; false when it was received before. */
	boolean add(long seq) {
		if (seq <= this.contiguous || !this.ahead.add(seq)) {
			return false;
		}
		while (!this.ahead.isEmpty() && this.ahead.first() == this.contiguous + 1) {
			this.contiguous = this.ahead.pollFirst();
		}
		return true;
	}

}
