package io.liveguard.batch.job;

import io.liveguard.engine.DomainException;

/**
 * The job's parameters do not make a job, such as a reversed date range: 400 naming the
 * field.
 */
public class InvalidJobRequest extends DomainException {

	public InvalidJobRequest(String detail) {
		super(Kind.INVALID, null, detail);
	}

}
