package io.liveguard.web.session;

import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.DomainException;

/** A session id that was already received with different content: nothing changes. */
class SessionConflict extends DomainException {

	SessionConflict(String sessionId) {
		super(Kind.CONFLICT, "Session conflict", "sessionId: '" + sessionId
				+ "' was already received with different content; a stored session is never replaced");
	}

	private SessionConflict(String sessionId, String detail) {
		super(Kind.CONFLICT, "Session conflict", "sessionId: '" + sessionId + "' " + detail);
	}

	/**
	 * The id is a live's that has not become a session: ids are unique across lives and
	 * sessions (live.md).
	 */
	static SessionConflict live(String sessionId, String status) {
		return new SessionConflict(sessionId, SessionStore.liveIdTaken(sessionId, status));
	}

}
