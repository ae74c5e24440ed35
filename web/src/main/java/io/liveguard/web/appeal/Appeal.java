package io.liveguard.web.appeal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An appeal against one violation finding.
 *
 * @param appealId its id
 * @param sessionId the session of the finding
 * @param code the finding's code
 * @param sellerId the seller
 * @param reason the seller's reason
 * @param status OPEN, UPHELD or OVERTURNED
 * @param filedBy who filed it
 * @param filedAt when
 * @param decidedBy the analyst who decided it
 * @param decidedAt when
 * @param note the analyst's note
 */
record Appeal(String appealId, String sessionId, String code, String sellerId, String reason, Status status,
		String filedBy, Instant filedAt, @Nullable String decidedBy, @Nullable Instant decidedAt,
		@Nullable String note) {

	enum Status {

		OPEN, UPHELD, OVERTURNED

	}

}
