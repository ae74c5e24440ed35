package io.liveguard.web.session;

/**
 * What became of one session record.
 *
 * @param sessionId the session
 * @param created {@code true} when it was new and has just been scored and stored,
 * {@code false} when the same record had been received before
 * @param scoreCard the JSON of its score card: the new one, or the stored one for a
 * repeat
 */
public record IngestResult(String sessionId, boolean created, String scoreCard) {
}
