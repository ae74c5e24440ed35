package io.liveguard.engine.generator;

/** What kind of session the generator meant to produce. */
public enum Profile {

	/**
	 * A well-run stream: no violation, content score 100 (often with TRANSPARENT_INFO).
	 */
	CLEAN,

	/**
	 * A stream with one or two quality problems (short, host absent, dead air, poor
	 * stream, unshown products, low interaction) that cost content score but, alone, no
	 * violation points.
	 */
	SLOPPY,

	/** A stream that breaks one or more rules of section 2 of the default policy. */
	VIOLATING

}
