package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/** No rule pack has that id. */
class PackNotFound extends DomainException {

	PackNotFound(String packId) {
		super(Kind.NOT_FOUND, null, "packId: no rule pack '" + packId + "'");
	}

}
