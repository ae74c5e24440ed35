package io.liveguard.engine.live;

/** Where a live stands (live.md). */
public enum LiveStatus {

	/** It may run; its signals are judged. */
	OPEN,
	/** The go-live check refused it; nothing may be sent for it. */
	REFUSED,
	/** An action stopped it; its signals are still accepted but decide nothing. */
	STOPPED,
	/** It ended and became a session record. */
	ENDED

}
