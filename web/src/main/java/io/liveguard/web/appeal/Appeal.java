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

	/** The longest reason a seller may give. */
	static final int MAX_REASON = 4000;

	/**
	 * A new, open appeal. Its reason is required and at most {@value #MAX_REASON}
	 * characters; it is kept without the spaces around it.
	 * @throws AppealRefused.InvalidAppeal when the reason is blank or too long
	 */
	static Appeal file(String appealId, String sessionId, String code, String sellerId, @Nullable String reason,
			String filedBy, Instant filedAt) {
		return new Appeal(appealId, sessionId, code, sellerId, reason(reason), Status.OPEN, filedBy, filedAt, null,
				null, null);
	}

	/**
	 * The reason an appeal may give, stripped: checked before anything is looked up, so a
	 * bad reason is named first.
	 * @throws AppealRefused.InvalidAppeal when it is blank or longer than
	 * {@value #MAX_REASON} characters
	 */
	static String reason(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			throw new AppealRefused.InvalidAppeal("reason: must not be blank");
		}
		if (reason.length() > MAX_REASON) {
			throw new AppealRefused.InvalidAppeal("reason: at most " + MAX_REASON + " characters");
		}
		return reason.strip();
	}

	/**
	 * This appeal decided: upheld or overturned by an analyst, once. The store persists
	 * the result only while the appeal it read is still open.
	 * @throws AppealRefused.InvalidAppeal when the outcome is OPEN, which is no decision
	 * @throws AppealRefused.AlreadyDecided when this appeal is not open any more
	 */
	Appeal decide(Status outcome, String by, Instant at, @Nullable String note) {
		Status decided = decision(outcome);
		if (!isOpen()) {
			throw new AppealRefused.AlreadyDecided(this);
		}
		return new Appeal(this.appealId, this.sessionId, this.code, this.sellerId, this.reason, decided, this.filedBy,
				this.filedAt, by, at, note);
	}

	/**
	 * The outcome, if it is a decision: checked before the appeal is looked up, so a
	 * wrong outcome is named first.
	 * @throws AppealRefused.InvalidAppeal when it is OPEN
	 */
	static Status decision(Status outcome) {
		if (outcome == Status.OPEN) {
			throw new AppealRefused.InvalidAppeal("outcome: must be UPHELD or OVERTURNED");
		}
		return outcome;
	}

	boolean isOpen() {
		return this.status == Status.OPEN;
	}

	enum Status {

		OPEN, UPHELD, OVERTURNED

	}

}
