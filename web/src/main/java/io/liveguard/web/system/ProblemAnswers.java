package io.liveguard.web.system;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.liveguard.web.user.Role;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * Adds to every operation of the API description the problem details it can answer with,
 * so that a client generator knows them (Redocly's {@code operation-4xx-response}). They
 * are worked out here, once, from what decides them, rather than written on every
 * controller, so a new endpoint gets them too:
 * <ul>
 * <li>401 and 403 from the security rules themselves: the operation is asked of
 * {@link SecurityConfiguration}'s filter chains for an anonymous caller and for a caller
 * of each {@link Role}. 429 from the
 * {@link io.liveguard.web.throttle.AuthenticationThrottle} both chains put before
 * everything else.</li>
 * <li>400 when Spring MVC can refuse the request before the controller runs: a body, a
 * parameter that is required or must convert or match a constraint; 404 when the path
 * names something by id.</li>
 * <li>What only a feature knows (409 for a state that forbids the change, 422 for a rule
 * pack that does not compile, 404 for a session named in a body, 415 for a form) from
 * {@link #FEATURE_ANSWERS}.</li>
 * </ul>
 * An answer a controller documents itself (with {@code @ApiResponse}) is kept as it is.
 * Every answer is an RFC 9457 problem detail ({@code application/problem+json},
 * {@link #PROBLEM_DETAIL}).
 */
final class ProblemAnswers implements OpenApiCustomizer {

	static final String PROBLEM_DETAIL = "ProblemDetail";

	static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

	private static final String DOES_NOT_COMPILE = "The files do not compile (errors names file and line), or the "
			+ "check stopped at its time or memory limit; nothing is stored";

	private static final String WEBHOOKS_NOT_CONFIGURED = "No liveguard.webhooks.secret-key is configured, so no "
			+ "signing secret can be stored";

	/**
	 * The answers only the features know, by {@code METHOD path} as in the description;
	 * each was read off the service that gives it.
	 * {@code OpenApiDescriptionIntegrationTests} fails when a key names no operation, so
	 * a moved endpoint cannot silently lose them.
	 */
	static final Map<String, Map<HttpStatus, String>> FEATURE_ANSWERS = Map.ofEntries(
			Map.entry("POST /api/v1/users", Map.of(HttpStatus.CONFLICT, "The username is taken")),
			Map.entry("POST /api/v1/users/{username}/disable",
					Map.of(HttpStatus.CONFLICT, "An admin cannot disable itself")),
			Map.entry("POST /api/v1/api-keys/{id}/rotate", Map.of(HttpStatus.CONFLICT, "The key was revoked")),
			Map.entry("DELETE /api/v1/api-keys/{id}", Map.of(HttpStatus.CONFLICT, "The key was revoked")),
			Map.entry("POST /api/v1/appeals",
					Map.of(HttpStatus.NOT_FOUND,
							"No such session (or not the caller's), or the session has no such violation finding",
							HttpStatus.CONFLICT, "The finding is already appealed")),
			Map.entry("POST /api/v1/appeals/{appealId}/decision",
					Map.of(HttpStatus.CONFLICT, "The appeal was already decided")),
			Map.entry("POST /api/v1/lives",
					Map.of(HttpStatus.CONFLICT,
							"The liveId was opened with other content, or is the id of a session already received",
							HttpStatus.UNPROCESSABLE_CONTENT,
							"The market's active rule pack has no go-live and live rules; nothing is stored")),
			Map.entry("POST /api/v1/lives/{liveId}/signals",
					Map.of(HttpStatus.CONFLICT, "The live was REFUSED or has ENDED: it takes no more signals")),
			Map.entry("POST /api/v1/lives/{liveId}/end",
					Map.of(HttpStatus.CONFLICT,
							"The live was REFUSED, or its record conflicts with a session received with its id")),
			Map.entry("POST /api/v1/penalty-runs/{runId}/restart",
					Map.of(HttpStatus.CONFLICT, "The run is running or completed: nothing to restart")),
			Map.entry("POST /api/v1/rescores/{rescoreId}/restart",
					Map.of(HttpStatus.CONFLICT, "The re-score is running or completed: nothing to restart")),
			Map.entry("POST /api/v1/imports",
					Map.of(HttpStatus.BAD_REQUEST, "The body is not NDJSON, plain or gzip",
							HttpStatus.UNSUPPORTED_MEDIA_TYPE, "A form body: send the file itself as the body")),
			Map.entry("POST /api/v1/imports/{importId}/restart",
					Map.of(HttpStatus.CONFLICT, "The import is running or completed: nothing to restart")),
			Map.entry("POST /api/v1/rule-packs/{packId}/versions",
					Map.of(HttpStatus.UNPROCESSABLE_CONTENT, DOES_NOT_COMPILE)),
			Map.entry("PUT /api/v1/rule-packs/{packId}/versions/{version}",
					Map.of(HttpStatus.CONFLICT, "Not a draft (proposed, published or retired), or changed meanwhile",
							HttpStatus.UNPROCESSABLE_CONTENT, DOES_NOT_COMPILE)),
			Map.entry("POST /api/v1/rule-packs/{packId}/versions/{version}/test",
					Map.of(HttpStatus.UNPROCESSABLE_CONTENT, "The check stopped at its time or memory limit")),
			Map.entry("POST /api/v1/rule-packs/{packId}/versions/{version}/propose",
					Map.of(HttpStatus.CONFLICT, "Not a draft, or changed meanwhile")),
			Map.entry("POST /api/v1/rule-packs/{packId}/versions/{version}/reject",
					Map.of(HttpStatus.CONFLICT, "Not a proposed version, or changed meanwhile")),
			Map.entry("POST /api/v1/rule-packs/{packId}/versions/{version}/publish", Map.of(HttpStatus.CONFLICT,
					"Not a proposed version, or its content is not the one the contentHash names (the "
							+ "problem holds the current hash)",
					HttpStatus.UNPROCESSABLE_CONTENT,
					"It does not compile, its own test cases (sessions and scripted lives) do not all pass (failed "
							+ "lists them), or the check stopped at its time or memory limit; nothing changes")),
			Map.entry("POST /api/v1/rule-packs/{packId}/versions/{version}/rollback",
					Map.of(HttpStatus.CONFLICT, "Not a version published before the active one",
							HttpStatus.UNPROCESSABLE_CONTENT, DOES_NOT_COMPILE)),
			Map.entry("POST /api/v1/webhooks", Map.of(HttpStatus.SERVICE_UNAVAILABLE, WEBHOOKS_NOT_CONFIGURED)),
			Map.entry("POST /api/v1/webhooks/{id}/rotate-secret",
					Map.of(HttpStatus.SERVICE_UNAVAILABLE, WEBHOOKS_NOT_CONFIGURED)),
			Map.entry("POST /api/v1/webhooks/{id}/test",
					Map.of(HttpStatus.CONFLICT, "The endpoint is DISABLED and is sent nothing")),
			Map.entry("POST /api/v1/webhooks/{id}/deliveries/{messageId}/retry",
					Map.of(HttpStatus.CONFLICT, "The message is not FAILED, or the endpoint is DISABLED")));

	private static final String NDJSON = "application/x-ndjson";

	private static final Pattern TEMPLATE = Pattern.compile("\\{[^/}]+}");

	private static final Map<HttpStatus, String> GENERAL_ANSWERS = Map.ofEntries(
			Map.entry(HttpStatus.BAD_REQUEST,
					"The request is not valid: the detail (and errors, when there are "
							+ "several) names the field at fault"),
			Map.entry(HttpStatus.UNAUTHORIZED,
					"No credentials, or credentials that are refused (unknown, wrong, "
							+ "disabled, revoked or locked); WWW-Authenticate names the schemes"),
			Map.entry(HttpStatus.FORBIDDEN, "The caller's role may not do this"),
			Map.entry(HttpStatus.NOT_FOUND,
					"Nothing with that id, or nothing the caller may see (a seller asking "
							+ "for another seller's data)"),
			Map.entry(HttpStatus.TOO_MANY_REQUESTS, "Too many failed authentications from this client address: "
					+ "nothing was checked; retry after Retry-After seconds"));

	private final WebInvocationPrivilegeEvaluator privileges;

	ProblemAnswers(WebInvocationPrivilegeEvaluator privileges) {
		this.privileges = privileges;
	}

	@Override
	public void customise(OpenAPI openApi) {
		openApi.getComponents().addSchemas(PROBLEM_DETAIL, problemDetail());
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> answer(path, method, operation)));
	}

	private void answer(String path, PathItem.HttpMethod method, Operation operation) {
		Map<HttpStatus, String> answers = new TreeMap<>();
		if (hasBindingFailures(operation)) {
			answers.put(HttpStatus.BAD_REQUEST, GENERAL_ANSWERS.get(HttpStatus.BAD_REQUEST));
		}
		String uri = TEMPLATE.matcher(path).replaceAll("x");
		if (!this.privileges.isAllowed("", uri, method.name(), anonymous())) {
			answers.put(HttpStatus.UNAUTHORIZED, GENERAL_ANSWERS.get(HttpStatus.UNAUTHORIZED));
		}
		if (Arrays.stream(Role.values())
			.anyMatch((role) -> !this.privileges.isAllowed("", uri, method.name(), as(role)))) {
			answers.put(HttpStatus.FORBIDDEN, GENERAL_ANSWERS.get(HttpStatus.FORBIDDEN));
		}
		if (TEMPLATE.matcher(path).find()) {
			answers.put(HttpStatus.NOT_FOUND, GENERAL_ANSWERS.get(HttpStatus.NOT_FOUND));
		}
		answers.putAll(FEATURE_ANSWERS.getOrDefault(method.name() + " " + path, Map.of()));
		answers.put(HttpStatus.TOO_MANY_REQUESTS, GENERAL_ANSWERS.get(HttpStatus.TOO_MANY_REQUESTS));
		if (operation.getResponses() == null) {
			operation.setResponses(new ApiResponses());
		}
		answers.forEach((status, description) -> {
			String code = String.valueOf(status.value());
			if (!operation.getResponses().containsKey(code)) {
				operation.getResponses().addApiResponse(code, problem(status, description));
			}
		});
	}

	/**
	 * Whether Spring MVC can refuse the request with 400 before the controller runs: a
	 * body that does not read, a required parameter that is missing, or a value that does
	 * not convert or breaks its constraint. An optional text parameter, or a path segment
	 * taken as any text, always binds; an NDJSON body is read line by line, and a bad
	 * line is reported in the answer, not refused.
	 */
	private static boolean hasBindingFailures(Operation operation) {
		if (operation.getRequestBody() != null && (operation.getRequestBody().getContent() == null
				|| !operation.getRequestBody().getContent().keySet().equals(Set.of(NDJSON)))) {
			return true;
		}
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		return parameters.stream()
			.anyMatch((parameter) -> (!"path".equals(parameter.getIn()) && Boolean.TRUE.equals(parameter.getRequired()))
					|| !anyText(parameter.getSchema()));
	}

	private static boolean anyText(Schema<?> schema) {
		if (schema == null) {
			return true;
		}
		boolean text = "string".equals(schema.getType())
				|| (schema.getTypes() != null && schema.getTypes().equals(Set.of("string")));
		return text && schema.getFormat() == null && schema.getEnum() == null && schema.getPattern() == null
				&& schema.getMaxLength() == null && schema.getMinLength() == null;
	}

	private static ApiResponse problem(HttpStatus status, String description) {
		ApiResponse response = new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_DETAIL))));
		if (status == HttpStatus.TOO_MANY_REQUESTS) {
			response.addHeaderObject("Retry-After",
					new Header().description("Seconds until the address may try again").schema(typed("integer")));
		}
		return response;
	}

	/**
	 * RFC 9457 with the members LiveGuard adds: {@code errors} names each field at fault.
	 * (The schema springdoc derives from {@link org.springframework.http.ProblemDetail}
	 * shows a {@code properties} member that is never sent: its properties are written as
	 * members of the problem itself.)
	 */
	private static Schema<?> problemDetail() {
		Map<String, Schema> properties = new LinkedHashMap<>();
		properties.put("type", typed("string").format("uri-reference")
			.description("What kind of problem; about:blank when the status says it all"));
		properties.put("title", typed("string").description("The kind of problem, in a few words"));
		properties.put("status", typed("integer").format("int32").description("The HTTP status"));
		properties.put("detail", typed("string").description("What went wrong, naming the field at fault"));
		properties.put("instance", typed("string").format("uri-reference").description("The request's path"));
		Schema<?> fieldError = typed("object").addProperty("field", typed("string"))
			.addProperty("message", typed("string"));
		properties.put("errors", typed("array").items(fieldError)
			.description("Each field at fault, when the request had several (or a line of a file)"));
		return typed("object").properties(properties)
			.description("An RFC 9457 problem detail (application/problem+json); other members may follow");
	}

	/** A schema of one JSON type, written as OpenAPI 3.0 and 3.1 both expect it. */
	private static Schema<Object> typed(String type) {
		Schema<Object> schema = new Schema<>();
		schema.setType(type);
		schema.addType(type);
		return schema;
	}

	private static Authentication anonymous() {
		return new AnonymousAuthenticationToken("api-description", "anonymousUser",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
	}

	private static Authentication as(Role role) {
		return UsernamePasswordAuthenticationToken.authenticated("api-description", null,
				AuthorityUtils.createAuthorityList("ROLE_" + role.name()));
	}

}
