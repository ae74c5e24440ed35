package io.liveguard.web.session;

/**
 * A stored session as the API serves it.
 *
 * @param sessionId the session
 * @param sellerId its seller
 * @param contentHash SHA-256 of the canonical record, to tell a repeat from a conflict
 * @param record the canonical session record JSON
 * @param scoreCard the JSON of its current score card, exactly as first served
 */
record StoredSession(String sessionId, String sellerId, String contentHash, String record, String scoreCard) {
}
