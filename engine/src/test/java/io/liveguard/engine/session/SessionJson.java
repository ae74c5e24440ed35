package io.liveguard.engine.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session fixture from {@code src/test/resources/sessions/}, edited one field at a time
 * with JSON pointers, so each rejection test states only what it breaks.
 */
final class SessionJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final JsonNode tree;

	private SessionJson(JsonNode tree) {
		this.tree = tree;
	}

	/** The text of a fixture file under {@code sessions/}. */
	static String text(String name) {
		try (InputStream in = SessionJson.class.getResourceAsStream("/sessions/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture sessions/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The valid session of {@code sessions/valid.json}, ready to edit. */
	static SessionJson valid() {
		return of("valid.json");
	}

	static SessionJson of(String name) {
		return new SessionJson(MAPPER.readTree(text(name)));
	}

	/** Removes the field at {@code pointer}, such as {@code /stats/comments}. */
	SessionJson without(String pointer) {
		JsonNode parent = parent(pointer);
		String last = last(pointer);
		if (parent instanceof ArrayNode array) {
			array.remove(Integer.parseInt(last));
		}
		else {
			((ObjectNode) parent).remove(last);
		}
		return this;
	}

	/**
	 * Sets the field at {@code pointer} to {@code json}, a JSON value such as
	 * {@code "\"x\""} or {@code 12.5}.
	 */
	SessionJson with(String pointer, String json) {
		JsonNode parent = parent(pointer);
		JsonNode value = MAPPER.readTree(json);
		String last = last(pointer);
		if (parent instanceof ArrayNode array) {
			array.set(Integer.parseInt(last), value);
		}
		else {
			((ObjectNode) parent).set(last, value);
		}
		return this;
	}

	String json() {
		return MAPPER.writeValueAsString(this.tree);
	}

	private JsonNode parent(String pointer) {
		String parent = pointer.substring(0, pointer.lastIndexOf('/'));
		JsonNode node = parent.isEmpty() ? this.tree : this.tree.at(parent);
		if (node.isMissingNode()) {
			throw new IllegalArgumentException("No " + parent + " in the fixture");
		}
		return node;
	}

	private static String last(String pointer) {
		return pointer.substring(pointer.lastIndexOf('/') + 1);
	}

}
