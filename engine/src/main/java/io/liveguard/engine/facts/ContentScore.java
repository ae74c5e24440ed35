package io.liveguard.engine.facts;

import java.time.Instant;

import io.liveguard.engine.scoring.Evidence;

/**
 * The session's content score, inserted by the pack's deciding rules once quality is
 * known.
 */
public final class ContentScore {

	private final int value;

	private final Instant at;

	public ContentScore(int value, Instant at) {
		this.value = value;
		this.at = at;
	}

	public int getValue() {
		return this.value;
	}

	public Evidence getEvidence() {
		return new Evidence(this.at, "CONTENT_SCORE", "content score " + this.value);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ContentScore score && score.value == this.value && score.at.equals(this.at);
	}

	@Override
	public int hashCode() {
		return Integer.hashCode(this.value) * 31 + this.at.hashCode();
	}

}
