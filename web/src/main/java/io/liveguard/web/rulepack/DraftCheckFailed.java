package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/** The child JVM answered, but not with a result: the check itself failed. */
class DraftCheckFailed extends DomainException {

	DraftCheckFailed(String packId, String why) {
		super(Kind.UNPROCESSABLE, "Draft check failed", "rule pack '" + packId + "': the draft check failed: " + why);
	}

}
