package io.liveguard.web.live;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.live.LiveStatus;

/**
 * A request the live's state does not allow: a go-live check repeated with other content,
 * an id a session already has, signals for a REFUSED or ENDED live, or the end of a
 * REFUSED one.
 */
class LiveConflict extends DomainException {

	private LiveConflict(String detail) {
		super(Kind.CONFLICT, "Live conflict", detail);
	}

	static LiveConflict otherContent(String liveId) {
		return new LiveConflict("liveId: '" + liveId
				+ "' was already opened with different content; a go-live answer is never replaced");
	}

	static LiveConflict sessionExists(String liveId) {
		return new LiveConflict("liveId: '" + liveId
				+ "' is the id of a session already received; a live's id must be unique across lives and sessions");
	}

	static LiveConflict closed(String liveId, LiveStatus status) {
		return new LiveConflict("liveId: live '" + liveId + "' is " + status + ": it takes no more signals");
	}

	static LiveConflict refused(String liveId) {
		return new LiveConflict("liveId: live '" + liveId + "' was REFUSED by its go-live check: it cannot end");
	}

}
