package io.liveguard.engine.session;

import java.time.temporal.Temporal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON types of the session format, strict (session-format.md, "JSON types are
 * strict"), as Jackson settings that any mapper can take: the session codec's and the
 * HTTP API's. A string field takes only a JSON string, an enum only one of its names, a
 * number field only a number, a date or an instant only an ISO-8601 string; strings must
 * be valid Unicode. Everything else is a mapping error naming the field, never a silent
 * conversion: {@code "category": 3} would otherwise be the fourth category, and
 * {@code "businessDate": 2147483648} a day in the year 5,881,580.
 */
public final class StrictJson {

	/**
	 * Deeper than any session record or request body nests (a session nests four levels).
	 */
	public static final int MAX_NESTING_DEPTH = 32;

	/** Longer than any number the formats hold (a {@code long} has 19 digits). */
	public static final int MAX_NUMBER_LENGTH = 64;

	private StrictJson() {
	}

	/**
	 * A JSON factory whose parser refuses documents longer than {@code maxDocumentLength}
	 * (bytes or characters, as read), nesting deeper than {@link #MAX_NESTING_DEPTH} and
	 * numbers longer than {@link #MAX_NUMBER_LENGTH}, before any of it is mapped.
	 */
	public static JsonFactory factory(long maxDocumentLength) {
		return limit(JsonFactory.builder(), maxDocumentLength).build();
	}

	/**
	 * Sets the limits of {@link #factory(long)} on a factory builder, such as Spring
	 * Boot's.
	 */
	public static JsonFactoryBuilder limit(JsonFactoryBuilder builder, long maxDocumentLength) {
		return builder.streamReadConstraints(StreamReadConstraints.builder()
			.maxDocumentLength(maxDocumentLength)
			.maxStringLength((int) Math.min(Integer.MAX_VALUE, maxDocumentLength))
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.build());
	}

	/**
	 * Makes a mapper builder strict. Scalar coercions are switched off through Jackson's
	 * coercion settings; the {@code java.time} readers take numbers and arrays whatever
	 * those settings say, so they are wrapped to take strings only; and strings with a
	 * lone UTF-16 surrogate (which JSON's {@code \\uD800} escapes can produce) are
	 * refused, as they cannot be stored or written back.
	 */
	public static <B extends MapperBuilder<?, B>> B strict(B builder) {
		SimpleModule module = new SimpleModule("liveguard-strict-json");
		module.setDeserializerModifier(new StrictReaders());
		return builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			// no number or boolean becomes anything but a number or a boolean
			.withCoercionConfigDefaults((config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
			// ... except an integer where a fraction is expected: "confidence": 1 is a
			// number
			.withCoercionConfig(LogicalType.Float,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
						.setCoercion(CoercionInputShape.Float, CoercionAction.TryConvert))
			.withCoercionConfig(LogicalType.Integer,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
			.withCoercionConfig(LogicalType.Boolean,
					(config) -> config.setCoercion(CoercionInputShape.Boolean, CoercionAction.TryConvert))
			.addModule(module);
	}

	/**
	 * The index of the first lone UTF-16 surrogate in {@code text}, or -1 when it is
	 * valid Unicode.
	 */
	public static int loneSurrogate(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return i;
			}
			if (Character.isLowSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * {@code text} safe to echo in an error message: lone surrogates replaced, cut at
	 * {@code max} characters, so an answer about a bad value can always be written.
	 */
	public static String printable(String text, int max) {
		StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
		for (int i = 0; i < text.length() && out.length() < max; i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				out.append(c).append(text.charAt(++i));
			}
			else {
				out.append(Character.isSurrogate(c) || Character.isISOControl(c) ? '\uFFFD' : c);
			}
		}
		if (out.length() < text.length()) {
			out.append('…');
		}
		return out.toString();
	}

	/** Wraps the readers of strings and of {@code java.time} values. */
	private static final class StrictReaders extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
				BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
			Class<?> type = description.getBeanClass();
			if (type == String.class) {
				return new ValidUnicode(deserializer);
			}
			if (Temporal.class.isAssignableFrom(type)) {
				return new TextOnly(deserializer);
			}
			return deserializer;
		}

	}

	/**
	 * A {@code java.time} value from an ISO-8601 string only, not from epoch numbers or
	 * arrays.
	 */
	private static final class TextOnly extends DelegatingDeserializer {

		TextOnly(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new TextOnly(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			if (!parser.hasToken(JsonToken.VALUE_STRING)) {
				return context.handleUnexpectedToken(handledType(), parser);
			}
			return this._delegatee.deserialize(parser, context);
		}

	}

	/** A string without lone surrogates. */
	private static final class ValidUnicode extends DelegatingDeserializer {

		ValidUnicode(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new ValidUnicode(delegate);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			Object value = this._delegatee.deserialize(parser, context);
			if (value instanceof String text) {
				int at = loneSurrogate(text);
				if (at >= 0) {
					throw new LoneSurrogateException(parser, at);
				}
			}
			return value;
		}

	}

}
