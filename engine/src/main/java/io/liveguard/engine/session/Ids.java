package io.liveguard.engine.session;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The ids the session format names ({@code sessionId}, {@code sellerId}): 1-128
 * characters of {@code A-Z a-z 0-9 . _ : -}. They appear in URLs, so nothing that a URL
 * would escape, split or normalise ({@code /}, {@code %}, {@code ;}, {@code \}, spaces)
 * is allowed in one.
 */
public final class Ids {

	/** The regular expression of an id, for Bean Validation's {@code @Pattern}. */
	public static final String PATTERN = "[A-Za-z0-9._:-]{1,128}";

	/** What {@link #PATTERN} says, for error messages. */
	public static final String RULE = "must be 1-128 characters of A-Z a-z 0-9 . _ : -";

	private static final Pattern COMPILED = Pattern.compile(PATTERN);

	private Ids() {
	}

	public static boolean isValid(@Nullable String id) {
		return id != null && COMPILED.matcher(id).matches();
	}

}
