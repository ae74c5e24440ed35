package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/**
 * A proposed version is frozen for review: no edit until an admin publishes it or rejects
 * it back to draft.
 */
class DraftFrozen extends DomainException {

	DraftFrozen(String packId, int version) {
		super(Kind.CONFLICT, null, "version: " + packId + " v" + version
				+ " is proposed for publishing and frozen; an admin publishes it or rejects it back to draft");
	}

}
