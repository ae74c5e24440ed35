package io.liveguard.batch.penalty;

/**
 * A seller's stored data the run cannot decide on; the seller goes to the quarantine, the
 * run goes on.
 */
class BadRecordException extends RuntimeException {

	BadRecordException(String message) {
		super(message);
	}

	BadRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
