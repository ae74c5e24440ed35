package io.liveguard.engine.scoring;

import java.time.Instant;

/**
 * What a finding rests on: a signal of the stream, or a fact of the record.
 *
 * @param at when it happened in the stream
 * @param signalType the signal type ({@code TRANSCRIPT}, {@code MODERATION_FLAG}, ...)
 * or, for facts of the record itself, {@code SESSION}, {@code STATS}, {@code PRODUCT},
 * {@code HOST}, {@code CONTENT_SCORE} or {@code PRIOR_SESSION}
 * @param detail a human-readable account: the transcript text, the flag and its
 * confidence, ...
 */
public record Evidence(Instant at, String signalType, String detail) {
}
