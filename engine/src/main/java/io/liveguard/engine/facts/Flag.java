package io.liveguard.engine.facts;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.session.ModerationCode;

/** One MODERATION_FLAG signal. Rules compare its confidence with the pack's minimum. */
public final class Flag {

	private final ModerationCode code;

	private final double confidence;

	private final Evidence evidence;

	public Flag(ModerationCode code, double confidence, Evidence evidence) {
		this.code = code;
		this.confidence = confidence;
		this.evidence = evidence;
	}

	public ModerationCode getCode() {
		return this.code;
	}

	public double getConfidence() {
		return this.confidence;
	}

	public Evidence getEvidence() {
		return this.evidence;
	}

}
