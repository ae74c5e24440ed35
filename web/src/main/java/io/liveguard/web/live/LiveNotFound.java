package io.liveguard.web.live;

import io.liveguard.engine.DomainException;

/**
 * No live with that id was opened, or the caller (another seller) may not know that it
 * was.
 */
class LiveNotFound extends DomainException {

	LiveNotFound(String liveId) {
		super(Kind.NOT_FOUND, "Live not found", "liveId: no live '" + liveId + "' has been opened");
	}

}
