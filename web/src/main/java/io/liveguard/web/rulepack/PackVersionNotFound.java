package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/** The rule pack has no version of that number. */
class PackVersionNotFound extends DomainException {

	PackVersionNotFound(String packId, int version) {
		super(Kind.NOT_FOUND, null, "version: rule pack '" + packId + "' has no version " + version);
	}

}
