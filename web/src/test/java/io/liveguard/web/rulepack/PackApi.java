package io.liveguard.web.rulepack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The rule pack API as the tests of this package call it: as a user with the test's
 * password.
 */
final class PackApi {

	static final JsonMapper json = JsonMapper.builder().build();

	private final RestTestClient client;

	private final String password;

	PackApi(RestTestClient client, String password) {
		this.client = client;
		this.password = password;
	}

	EntityExchangeResult<String> post(String uri, String body, String username) {
		return this.client.post()
			.uri(uri)
			.headers((headers) -> headers.setBasicAuth(username, this.password))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	EntityExchangeResult<String> put(String uri, String body, String username) {
		return this.client.put()
			.uri(uri)
			.headers((headers) -> headers.setBasicAuth(username, this.password))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	EntityExchangeResult<String> get(String uri, String username) {
		return this.client.get()
			.uri(uri)
			.headers((headers) -> headers.setBasicAuth(username, this.password))
			.exchange()
			.returnResult(String.class);
	}

	static JsonNode body(EntityExchangeResult<String> result) {
		return json.readTree(result.getResponseBody());
	}

	/**
	 * Replaces the content of the file at {@code path} among a version's {@code files}.
	 */
	static void edit(ArrayNode files, String path, UnaryOperator<String> change) {
		for (JsonNode file : files) {
			if (file.get("path").asString().equals(path)) {
				((ObjectNode) file).put("content", change.apply(file.get("content").asString()));
				return;
			}
		}
		throw new IllegalArgumentException("no file " + path);
	}

	/** An example session of the test resources ({@code /examples/}), as text. */
	static String example(String name) {
		try (InputStream in = PackApi.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
