package io.liveguard.engine.session;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string that is not valid Unicode: it holds a lone UTF-16 surrogate (JSON's
 * {@code \\uD800} escape allows one). Such a string can be neither stored as text nor
 * written back as JSON, so it is refused on reading ({@link StrictJson}). The message
 * never repeats the string.
 */
public class LoneSurrogateException extends MismatchedInputException {

	private static final long serialVersionUID = 1L;

	LoneSurrogateException(JsonParser parser, int index) {
		super(parser, "is not valid Unicode: a lone UTF-16 surrogate at character " + index, String.class);
	}

}
