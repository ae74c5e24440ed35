package io.liveguard.web.session;

import io.liveguard.engine.DomainException;

/** A session id that was already received with different content: nothing changes. */
class SessionConflict extends DomainException {

	SessionConflict(String sessionId) {
		super(Kind.CONFLICT, "Session conflict", "sessionId: '" + sessionId
				+ "' was already received with different content; a stored session is never replaced");
	}

}
