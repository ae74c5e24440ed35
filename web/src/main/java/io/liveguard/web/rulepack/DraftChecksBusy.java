package io.liveguard.web.rulepack;

import io.liveguard.engine.DomainException;

/**
 * As many drafts as allowed are being checked in child JVMs already; the caller tries
 * again shortly.
 */
class DraftChecksBusy extends DomainException {

	DraftChecksBusy(String packId, int concurrent) {
		super(Kind.UNAVAILABLE, null, "rule pack '" + packId + "': " + concurrent
				+ " drafts are being checked already; try again in a few seconds");
	}

}
