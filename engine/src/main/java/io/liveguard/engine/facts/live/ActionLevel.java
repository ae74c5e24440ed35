package io.liveguard.engine.facts.live;

/**
 * What the platform does with an action, after TikTok Shop's reminder, warning pop-up and
 * interruption.
 */
public enum ActionLevel {

	/** A note to the host. */
	REMIND,
	/** A warning the host must act on; the platform may pull the product. */
	WARN,
	/** The platform must end the stream now. */
	STOP

}
