package io.liveguard.engine.facts.live;

/**
 * The turn of one signal: present while that signal is judged, deleted by Java after the
 * rules fired. Classifying rules join it, so a signal is judged once, when it arrives,
 * and never again when later signals change what surrounds it.
 */
public final class Judging {

	private final long seq;

	private final long at;

	public Judging(long seq, long at) {
		this.seq = seq;
		this.at = at;
	}

	public long getSeq() {
		return this.seq;
	}

	public long getAt() {
		return this.at;
	}

}
