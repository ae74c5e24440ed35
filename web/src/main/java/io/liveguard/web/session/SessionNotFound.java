package io.liveguard.web.session;

import io.liveguard.engine.DomainException;

/** No session with that id has been received. */
class SessionNotFound extends DomainException {

	SessionNotFound(String sessionId) {
		super(Kind.NOT_FOUND, "Session not found", "sessionId: no session '" + sessionId + "' has been received");
	}

}
