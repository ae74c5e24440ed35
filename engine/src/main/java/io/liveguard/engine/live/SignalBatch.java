package io.liveguard.engine.live;

import java.util.List;

/**
 * What one request of signals did (live.md): how many were accepted, duplicates and late,
 * the live's strikes and status afterwards, and the actions they decided.
 *
 * @param status OPEN or STOPPED
 * @param accepted signals not seen before (late ones included)
 * @param duplicates signals whose seq was received before
 * @param late accepted signals more than {@code live.maxLateness} older than the newest
 * {@code at}
 * @param strikes the live's strikes
 * @param actions the actions decided, in order
 * @param judged the request's signals in the order they were judged, each with what it
 * was
 */
public record SignalBatch(LiveStatus status, int accepted, int duplicates, int late, int strikes, List<Action> actions,
		List<Judged> judged) {

	public SignalBatch {
		actions = List.copyOf(actions);
		judged = List.copyOf(judged);
	}

	/**
	 * A signal of the request as judged: a duplicate (its seq was received before), or
	 * accepted, late or not.
	 */
	public record Judged(SequencedSignal signal, boolean duplicate, boolean late) {

	}

}
