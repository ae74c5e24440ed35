package io.liveguard.engine.facts;

import io.liveguard.engine.scoring.Evidence;

/** One STREAM_QUALITY measurement. */
public final class StreamSample {

	private final int resolutionP;

	private final long stallSec;

	private final Evidence evidence;

	public StreamSample(int resolutionP, long stallSec, Evidence evidence) {
		this.resolutionP = resolutionP;
		this.stallSec = stallSec;
		this.evidence = evidence;
	}

	public int getResolutionP() {
		return this.resolutionP;
	}

	public long getStallSec() {
		return this.stallSec;
	}

	public Evidence getEvidence() {
		return this.evidence;
	}

}
