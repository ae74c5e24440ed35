package io.liveguard.batch.job;

import io.liveguard.engine.DomainException;

/** The job's threads take no more work, because the application is shutting down: 503. */
public class JobNotAccepted extends DomainException {

	public JobNotAccepted(String detail) {
		super(Kind.UNAVAILABLE, null, detail);
	}

}
