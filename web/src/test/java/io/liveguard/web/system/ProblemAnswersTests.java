package io.liveguard.web.system;

import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which problem details an operation is described with, from its parameters and the
 * security rules.
 */
class ProblemAnswersTests {

	/** Anyone authenticated may read; only ADMIN may write; nobody anonymous. */
	private final WebInvocationPrivilegeEvaluator rules = new WebInvocationPrivilegeEvaluator() {

		@Override
		public boolean isAllowed(String uri, Authentication authentication) {
			return isAllowed("", uri, "GET", authentication);
		}

		@Override
		public boolean isAllowed(String contextPath, String uri, String method, Authentication authentication) {
			Set<String> roles = AuthorityUtils.authorityListToSet(authentication.getAuthorities());
			if (roles.contains("ROLE_ANONYMOUS")) {
				return false;
			}
			return "GET".equals(method) || roles.contains("ROLE_ADMIN");
		}

	};

	@Test
	void aReadOfAnIdByAnyoneAuthenticatedCanBeUnauthorizedNotFoundOrThrottled() {
		Operation read = new Operation().addParametersItem(path("thingId", text()));

		describe("/api/v1/things/{thingId}", PathItem.HttpMethod.GET, read);

		assertThat(read.getResponses().keySet()).containsExactly("401", "404", "429");
		assertThat(read.getResponses().get("429").getHeaders()).containsKey("Retry-After");
		assertThat(read.getResponses().get("404").getContent().get("application/problem+json").getSchema().get$ref())
			.isEqualTo("#/components/schemas/ProblemDetail");
	}

	@Test
	void aWriteWithAJsonBodyCanBeInvalidAndForbidden() {
		Operation write = new Operation().requestBody(body("application/json"));

		describe("/api/v1/things", PathItem.HttpMethod.POST, write);

		assertThat(write.getResponses().keySet()).containsExactly("400", "401", "403", "429");
	}

	@Test
	void anNdjsonBodyIsAnsweredLineByLineNotRefused() {
		Operation batch = new Operation().requestBody(body("application/x-ndjson"));

		describe("/api/v1/things/batch", PathItem.HttpMethod.POST, batch);

		assertThat(batch.getResponses()).doesNotContainKey("400");
	}

	@Test
	void parametersThatMustConvertOrArePresentCanBeInvalid() {
		Operation typedPath = new Operation().addParametersItem(path("id", typed("integer")));
		Operation requiredQuery = new Operation()
			.addParametersItem(new Parameter().in("query").name("q").required(true).schema(text()));
		Operation optionalTextQuery = new Operation()
			.addParametersItem(new Parameter().in("query").name("q").required(false).schema(text()));
		Operation constrainedPath = new Operation().addParametersItem(path("id", text().pattern("[a-z]+")));

		describe("/api/v1/a/{id}", PathItem.HttpMethod.GET, typedPath);
		describe("/api/v1/b", PathItem.HttpMethod.GET, requiredQuery);
		describe("/api/v1/c", PathItem.HttpMethod.GET, optionalTextQuery);
		describe("/api/v1/d/{id}", PathItem.HttpMethod.GET, constrainedPath);

		assertThat(typedPath.getResponses()).containsKey("400");
		assertThat(requiredQuery.getResponses()).containsKey("400");
		assertThat(optionalTextQuery.getResponses()).doesNotContainKey("400");
		assertThat(constrainedPath.getResponses()).containsKey("400");
	}

	@Test
	void anAnswerTheControllerDescribesIsKept() {
		Operation described = new Operation().addParametersItem(path("thingId", text()))
			.responses(new ApiResponses().addApiResponse("404", new ApiResponse().description("No such thing")));

		describe("/api/v1/things/{thingId}", PathItem.HttpMethod.GET, described);

		assertThat(described.getResponses().get("404").getDescription()).isEqualTo("No such thing");
	}

	@Test
	void theFeaturesOwnAnswersAreAdded() {
		Operation restart = new Operation().addParametersItem(path("runId", typed("integer")));

		describe("/api/v1/penalty-runs/{runId}/restart", PathItem.HttpMethod.POST, restart);

		assertThat(restart.getResponses().keySet()).containsExactly("400", "401", "403", "404", "409", "429");
	}

	private void describe(String path, PathItem.HttpMethod method, Operation operation) {
		PathItem item = new PathItem();
		item.operation(method, operation);
		OpenAPI api = new OpenAPI().components(new Components()).paths(new Paths().addPathItem(path, item));
		new ProblemAnswers(this.rules).customise(api);
		assertThat(api.getComponents().getSchemas()).containsKey(ProblemAnswers.PROBLEM_DETAIL);
	}

	private static Parameter path(String name, Schema<?> schema) {
		return new Parameter().in("path").name(name).required(true).schema(schema);
	}

	private static RequestBody body(String mediaType) {
		return new RequestBody()
			.content(new Content().addMediaType(mediaType, new MediaType().schema(typed("object"))));
	}

	private static Schema<Object> text() {
		return typed("string");
	}

	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		return schema;
	}

}
