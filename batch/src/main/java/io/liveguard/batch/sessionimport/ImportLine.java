package io.liveguard.batch.sessionimport;

import io.liveguard.batch.session.SessionMeters;
import io.liveguard.engine.session.LiveSession;
import org.jspecify.annotations.Nullable;

/**
 * A line of the file after parsing: a valid session to store, or a line for the
 * quarantine.
 */
sealed interface ImportLine {

	long number();

	/** The quarantine's item key: {@code line 123 (session s-1)}. */
	static String itemKey(long number, @Nullable String sessionId) {
		return "line " + number + ((sessionId == null) ? "" : " (session " + sessionId + ")");
	}

	/**
	 * A valid session.
	 *
	 * @param number its line
	 * @param session the validated session
	 * @param record its canonical JSON
	 * @param contentHash SHA-256 of {@code record}
	 */
	record Parsed(long number, LiveSession session, String record, String contentHash) implements ImportLine {
	}

	/**
	 * A line that is no valid session.
	 *
	 * @param number its line
	 * @param sessionId the id it carries, if it can be read
	 * @param reason why it was refused
	 * @param kind the kind of refusal, for the metrics
	 */
	record Rejected(long number, @Nullable String sessionId, String reason,
			SessionMeters.Rejection kind) implements ImportLine {
	}

}
