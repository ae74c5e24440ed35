package io.liveguard.web.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API description as a client generator reads it, fetched from the running
 * application. It is written to {@code target/openapi.json}, which the {@code api-lint}
 * profile lints with Redocly's recommended rules after the integration tests; what can be
 * checked here is checked here, so a plain {@code ./mvnw verify} keeps it too.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + OpenApiDescriptionIntegrationTests.ADMIN_PASSWORD)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDescriptionIntegrationTests {

	static final String ADMIN_PASSWORD = "openapi-admin-password";

	static final Path WRITTEN = Path.of("target", "openapi.json");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
			"trace");

	@Autowired
	private RestTestClient client;

	private JsonNode api;

	@BeforeAll
	void fetchAndWriteTheDescription() throws IOException {
		EntityExchangeResult<String> docs = this.client.get()
			.uri("/v3/api-docs")
			.headers((headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
			.exchange()
			.returnResult(String.class);
		assertThat(docs.getStatus()).isEqualTo(HttpStatus.OK);
		Files.createDirectories(WRITTEN.getParent());
		Files.writeString(WRITTEN, docs.getResponseBody());
		this.api = json.readTree(docs.getResponseBody());
	}

	@Test
	void everyOperationAnswersAtLeastOneProblemDetail() {
		assertThat(operations()).hasSizeGreaterThan(40).allSatisfy((name, operation) -> {
			List<String> problems = new ArrayList<>();
			operation.get("responses").forEachEntry((status, response) -> {
				if (status.startsWith("4")) {
					assertThat(response.at("/content/application~1problem+json/schema/$ref").asString())
						.as(name + " " + status)
						.isEqualTo("#/components/schemas/ProblemDetail");
					problems.add(status);
				}
			});
			assertThat(problems).as(name).isNotEmpty();
		});
		assertThat(this.api.at("/components/schemas/ProblemDetail/properties").propertyNames()).containsExactly("type",
				"title", "status", "detail", "instance", "errors");
	}

	@Test
	void refusalsAreTheOnesTheSecurityRulesGive() {
		// anyone authenticated reads a session (a seller only its own: 404); only some
		// roles start a run
		assertThat(statuses("get /api/v1/sessions/{sessionId}")).contains("400", "401", "404", "429")
			.doesNotContain("403");
		assertThat(statuses("get /api/v1/sellers/{sellerId}/standing")).contains("400", "401", "404", "429")
			.doesNotContain("403");
		assertThat(statuses("post /api/v1/penalty-runs")).contains("400", "401", "403", "429")
			.doesNotContain("404", "409");
		assertThat(statuses("get /api/v1/users")).containsExactlyInAnyOrder("200", "401", "403", "429");
		assertThat(statuses("get /api/v1/backtests/{id}")).contains("400", "401", "403", "404", "429");
		// the body of an NDJSON batch is answered line by line, never refused as a whole
		assertThat(statuses("post /api/v1/sessions/batch")).doesNotContain("400", "404");
		assertThat(this.api.at("/paths/~1api~1v1~1users/get/responses/429/headers/Retry-After")).isNotEmpty();
	}

	@Test
	void featureAnswersNameOperationsOfTheDescription() {
		Map<String, JsonNode> operations = operations();
		ProblemAnswers.FEATURE_ANSWERS.forEach((operation, answers) -> {
			String[] methodAndPath = operation.split(" ", 2);
			String name = methodAndPath[0].toLowerCase() + " " + methodAndPath[1];
			assertThat(operations).as(operation).containsKey(name);
			answers.keySet()
				.forEach((status) -> assertThat(statuses(name)).as(operation).contains(String.valueOf(status.value())));
		});
	}

	@Test
	void licenseIsTheRepositorysApacheLicense() {
		assertThat(this.api.at("/info/license/name").asString()).isEqualTo("Apache 2.0");
		assertThat(this.api.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
		// OpenAPI 3.1: the url is mutually exclusive with the identifier
		assertThat(this.api.at("/info/license").has("url")).isFalse();
		assertThat(this.api.at("/info/contact/name").asString()).isNotBlank();
	}

	@Test
	void serverIsTheOneServingTheDescription() {
		assertThat(this.api.get("servers").valueStream().map((server) -> server.get("url").asString()))
			.containsExactly("/");
	}

	@Test
	void noTwoPathsCanMatchTheSameRequest() {
		List<String> paths = new ArrayList<>(this.api.get("paths").propertyNames());
		List<String> ambiguous = new ArrayList<>();
		for (int i = 0; i < paths.size(); i++) {
			for (int j = i + 1; j < paths.size(); j++) {
				if (ambiguous(paths.get(i), paths.get(j))) {
					ambiguous.add(paths.get(i) + " and " + paths.get(j));
				}
			}
		}
		assertThat(ambiguous).isEmpty();
		assertThat(paths).contains("/api/v1/backtests/{id}").doesNotContain("/api/v1/rule-packs/backtests/{id}");
	}

	@Test
	void operationIdsAreUniqueAndNotNumbered() {
		Map<String, List<String>> byId = new HashMap<>();
		operations().forEach((name, operation) -> byId
			.computeIfAbsent(operation.get("operationId").asString(), (id) -> new ArrayList<>())
			.add(name));
		assertThat(byId).allSatisfy((id, names) -> {
			assertThat(names).as(id).hasSize(1);
			assertThat(id).as(names.get(0)).matches("[a-z][A-Za-z]*");
		});
		assertThat(byId).containsKeys("startPenaltyRun", "startRescore", "startSessionImport", "startBacktest",
				"session", "receive");
	}

	/**
	 * As Redocly's {@code no-ambiguous-paths}: as many segments, each pair equal or at
	 * least one a template, and as many templates in each.
	 */
	private static boolean ambiguous(String first, String second) {
		String[] a = first.split("/");
		String[] b = second.split("/");
		if (a.length != b.length) {
			return false;
		}
		int templatesA = 0;
		int templatesB = 0;
		for (int i = 0; i < a.length; i++) {
			boolean templateA = a[i].startsWith("{");
			boolean templateB = b[i].startsWith("{");
			templatesA += templateA ? 1 : 0;
			templatesB += templateB ? 1 : 0;
			if (!templateA && !templateB && !a[i].equals(b[i])) {
				return false;
			}
		}
		return templatesA == templatesB;
	}

	/** Every operation, by {@code method path}. */
	private Map<String, JsonNode> operations() {
		Map<String, JsonNode> operations = new HashMap<>();
		this.api.get("paths").forEachEntry((path, item) -> item.forEachEntry((method, operation) -> {
			if (METHODS.contains(method)) {
				operations.put(method + " " + path, operation);
			}
		}));
		return operations;
	}

	private Set<String> statuses(String operation) {
		JsonNode found = operations().get(operation);
		assertThat(found).as(operation).isNotNull();
		return new TreeSet<>(found.get("responses").propertyNames());
	}

}
