package io.liveguard.engine.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates malformed session records for fuzzing, from a seed so a failure can be
 * replayed: the valid fixtures, each mutated once at a random place (a value replaced by
 * a hostile one, a field removed, the text truncated or a character spliced in). Hostile
 * values are those that once got past the API: numbers for enums and dates, scalars for
 * strings, ids with URL characters, lone surrogates, extreme years, huge numbers, deep
 * nesting. Public for the web module's fuzzing of the HTTP inputs.
 */
public final class MalformedRecords {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final List<String> FIXTURES = List.of("valid.json", "examples/clean-session.json",
			"examples/counterfeit.json", "examples/health-claim-no-confirmation.json",
			"examples/low-quality-static.json");

	/** JSON values, as text, that break some field of the format. */
	private static final List<String> HOSTILE = List.of("3", "0", "-1", "2147483648", "9223372036854775808", "1e400",
			"-0.0", "12.5", "1763640000", "true", "false", "null", "[]", "{}", "[2026,11,20]", "\"\"", "\" \"",
			"\"a/b\"", "\"a%2Fb\"", "\"a;b\"", "\"a\\\\b\"", "\"..\"", "\"a b\"", "\"x\\ud800\"", "\"\\udc00y\"",
			"\"\\u0000\"", "\"+999999999-12-31T23:59:59Z\"", "\"+5000000-01-01T00:00:00Z\"",
			"\"-1000000000-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59Z\"", "\"2026-11-20\"", "\"TOYS\"", "\"general\"",
			"\"TRANSCRIPT\"", "\"" + "s".repeat(129) + "\"",
			"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "1" + "0".repeat(100));

	private MalformedRecords() {
	}

	/** The valid fixture records, as text. */
	public static List<String> fixtures() {
		return FIXTURES.stream().map(MalformedRecords::text).toList();
	}

	/**
	 * {@code count} mutated fixtures, mostly invalid; some mutations leave a valid
	 * record, which is fine.
	 */
	public static List<String> records(long seed, int count) {
		List<String> fixtures = fixtures();
		SplittableRandom random = new SplittableRandom(seed);
		return Stream
			.generate(() -> mutate(fixtures.get(random.nextInt(fixtures.size())),
					Mutation.values()[random.nextInt(Mutation.values().length)], random.nextInt(1 << 20),
					HOSTILE.get(random.nextInt(HOSTILE.size())), anyChar(random)))
			.limit(count)
			.toList();
	}

	/**
	 * {@code count} strings of up to {@code maxLength} characters: half of any UTF-16
	 * unit (lone surrogates included), half of {@code alphabet}.
	 */
	public static List<String> texts(long seed, int count, int maxLength, String alphabet) {
		SplittableRandom random = new SplittableRandom(seed);
		List<String> texts = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			int length = random.nextInt(maxLength + 1);
			StringBuilder text = new StringBuilder(length);
			boolean any = random.nextBoolean();
			for (int j = 0; j < length; j++) {
				text.append(any ? anyChar(random) : alphabet.charAt(random.nextInt(alphabet.length())));
			}
			texts.add(text.toString());
		}
		return texts;
	}

	private static char anyChar(SplittableRandom random) {
		return (char) random.nextInt(Character.MAX_VALUE + 1);
	}

	enum Mutation {

		REPLACE_VALUE, REMOVE_FIELD, TRUNCATE, SPLICE_CHARACTER

	}

	static String mutate(String fixture, Mutation mutation, int where, String hostile, char character) {
		switch (mutation) {
			case TRUNCATE:
				return fixture.substring(0, where % fixture.length());
			case SPLICE_CHARACTER: {
				int at = where % fixture.length();
				return fixture.substring(0, at) + character + fixture.substring(at);
			}
			default: {
				JsonNode tree = MAPPER.readTree(fixture);
				List<Slot> slots = new ArrayList<>();
				collect(tree, slots);
				Slot slot = slots.get(where % slots.size());
				if (mutation == Mutation.REMOVE_FIELD) {
					slot.remove();
				}
				else {
					slot.set(MAPPER.readTree(hostile));
				}
				return MAPPER.writeValueAsString(tree);
			}
		}
	}

	/**
	 * A place in a tree that holds a value: a field of an object or an element of an
	 * array.
	 */
	private record Slot(JsonNode parent, String field, int index) {

		void set(JsonNode value) {
			if (this.parent instanceof ObjectNode object) {
				object.set(this.field, value);
			}
			else {
				((ArrayNode) this.parent).set(this.index, value);
			}
		}

		void remove() {
			if (this.parent instanceof ObjectNode object) {
				object.remove(this.field);
			}
			else {
				((ArrayNode) this.parent).remove(this.index);
			}
		}

	}

	private static void collect(JsonNode node, List<Slot> slots) {
		if (node instanceof ObjectNode object) {
			for (String name : object.propertyNames()) {
				slots.add(new Slot(object, name, -1));
				collect(object.get(name), slots);
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				slots.add(new Slot(array, "", i));
				collect(array.get(i), slots);
			}
		}
	}

	private static String text(String name) {
		try (InputStream in = MalformedRecords.class.getResourceAsStream("/sessions/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture sessions/" + name);
			}
			return MAPPER.writeValueAsString(MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
