package io.liveguard.web.session;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What became of the lines of an NDJSON upload.
 *
 * @param accepted new sessions stored and scored
 * @param duplicates sessions received before with the same content
 * @param rejected lines that were not stored, with why
 */
record BatchSummary(int accepted, int duplicates, List<Rejection> rejected) {

	BatchSummary {
		rejected = List.copyOf(rejected);
	}

	/**
	 * One line that was not stored.
	 *
	 * @param line its number, from 1
	 * @param sessionId its session id when it could be read
	 * @param error why it was rejected, naming the field
	 */
	record Rejection(long line, @Nullable String sessionId, String error) {
	}

}
