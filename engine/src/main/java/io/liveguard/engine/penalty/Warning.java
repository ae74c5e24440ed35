package io.liveguard.engine.penalty;

/**
 * An early warning to a seller, before a penalty.
 *
 * @param code {@code NEAR_THRESHOLD} or {@code LOW_CONTENT_SCORE}
 * @param message what is coming and what to fix
 */
public record Warning(String code, String message) {

	public static final String NEAR_THRESHOLD = "NEAR_THRESHOLD";

	public static final String LOW_CONTENT_SCORE = "LOW_CONTENT_SCORE";

}
