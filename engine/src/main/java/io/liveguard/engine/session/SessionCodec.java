package io.liveguard.engine.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads session records from JSON into validated {@link LiveSession}s and writes them
 * back in one canonical form. Unknown fields are ignored; a missing required field, a
 * wrong type or an unknown enum value is reported with the field's path. Types are strict
 * ({@link StrictJson}), and a record longer than its limit is refused before it is
 * mapped. Thread safe.
 */
public final class SessionCodec {

	/** The longest record the session format allows: 4 MiB. */
	public static final long MAX_RECORD_LENGTH = 4L * 1024 * 1024;

	private static final String MISSING = "Missing required creator property '";

	/**
	 * Values echoed in error messages are cut here: a bad 4 MiB string is not worth
	 * repeating.
	 */
	private static final int ECHO = 64;

	private final ObjectMapper mapper;

	private final SessionValidator validator;

	public SessionCodec() {
		this(new SessionValidator(), MAX_RECORD_LENGTH);
	}

	public SessionCodec(SessionValidator validator) {
		this(validator, MAX_RECORD_LENGTH);
	}

	/** A codec that refuses records longer than {@code maxRecordLength} characters. */
	public SessionCodec(long maxRecordLength) {
		this(new SessionValidator(), maxRecordLength);
	}

	private SessionCodec(SessionValidator validator, long maxRecordLength) {
		this.validator = validator;
		this.mapper = StrictJson.strict(JsonMapper.builder(StrictJson.factory(maxRecordLength)))
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
	}

	/** Parses and validates one record, or throws {@link InvalidSessionException}. */
	public LiveSession read(String json) {
		LiveSession session;
		try {
			session = this.mapper.readValue(json, LiveSession.class);
		}
		catch (JacksonException ex) {
			throw new InvalidSessionException(List.of(describe(ex)));
		}
		if (session == null) {
			throw new InvalidSessionException(List.of(new FieldError("", "expected a JSON object, found null")));
		}
		return this.validator.validate(session);
	}

	/**
	 * The canonical JSON of a session: what is stored and what "same content" compares.
	 */
	public String write(LiveSession session) {
		return this.mapper.writeValueAsString(session);
	}

	/** SHA-256 of the canonical JSON, hex encoded. */
	public String contentHash(LiveSession session) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(write(session).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	public ObjectMapper mapper() {
		return this.mapper;
	}

	/**
	 * The field and the reason of a Jackson mapping failure, as this codec reports them;
	 * for other JSON readers (the HTTP API's request bodies) to report alike.
	 */
	public static FieldError describe(JacksonException ex) {
		String path = path(ex);
		String original = ex.getOriginalMessage() == null ? "" : ex.getOriginalMessage();
		if (original.startsWith(MISSING)) {
			String name = original.substring(MISSING.length(), original.indexOf('\'', MISSING.length()));
			// Jackson 3 already ends the path with the missing property; Jackson 2
			// stopped at its parent
			List<JacksonException.Reference> references = ex.getPath();
			boolean named = !references.isEmpty()
					&& name.equals(references.get(references.size() - 1).getPropertyName());
			String field = named ? path : path.isEmpty() ? name : path + "." + name;
			return new FieldError(field, "is required");
		}
		if (ex instanceof LoneSurrogateException) {
			return new FieldError(path, original);
		}
		if (ex instanceof StreamConstraintsException) {
			return new FieldError(path, "is too large: " + firstLine(original));
		}
		if (ex instanceof InvalidTypeIdException typeId) {
			return new FieldError(path.isEmpty() ? "type" : path + ".type", typeId
				.getTypeId() == null ? "is required" : "unknown value '"
						+ StrictJson.printable(typeId.getTypeId(), ECHO)
						+ "', expected one of TRANSCRIPT, MODERATION_FLAG, HOST_ABSENT, DEAD_AIR, PRODUCT_SHOWN, VIEWER_REPORT, STREAM_QUALITY");
		}
		if (ex instanceof InvalidFormatException format && format.getTargetType() != null
				&& format.getTargetType().isEnum()) {
			String allowed = java.util.Arrays.stream(format.getTargetType().getEnumConstants())
				.map(Object::toString)
				.collect(Collectors.joining(", "));
			return new FieldError(path, "unknown value '"
					+ StrictJson.printable(String.valueOf(format.getValue()), ECHO) + "', expected one of " + allowed);
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return new FieldError(path, "expected " + describeType(mismatch.getTargetType()));
		}
		if (ex instanceof InvalidFormatException format && format.getTargetType() != null) {
			return new FieldError(path, "'" + StrictJson.printable(String.valueOf(format.getValue()), ECHO)
					+ "' is not a valid " + describeType(format.getTargetType()));
		}
		return new FieldError(path, "is not readable JSON: " + StrictJson.printable(firstLine(original), 2 * ECHO));
	}

	private static String describeType(Class<?> type) {
		if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
			return "an integer";
		}
		if (type == double.class || type == Double.class) {
			return "a number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == java.time.LocalDate.class) {
			return "an ISO-8601 date as a string, such as \"2026-11-20\"";
		}
		if (type == java.time.Instant.class) {
			return "an ISO-8601 instant as a string, such as \"2026-11-20T12:00:00Z\"";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.stream(type.getEnumConstants())
				.map(Object::toString)
				.collect(Collectors.joining(", ")) + " as a string";
		}
		if (List.class.isAssignableFrom(type)) {
			return "an array";
		}
		return "an object";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
		}
		return path.toString();
	}

	private static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
