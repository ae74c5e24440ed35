package io.liveguard.engine.penalty;

import java.time.LocalDate;

/** A seller's session and its current content score, for the content-score warning. */
public record ScoredSession(String sessionId, LocalDate businessDate, int contentScore) {
}
