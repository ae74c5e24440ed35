package io.liveguard.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.liveguard.web.live.GoLiveRequests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may call what: every endpoint of the application, called by every kind of caller,
 * answers exactly the status the table below gives (api.md, "Roles"). Allowed callers
 * send a request that really succeeds (fresh objects for every state-changing call, so
 * rows run in any order); a SELLER asking for another seller's data gets 404, never 403,
 * so ids cannot be probed; anonymous callers and refused credentials (a revoked API key,
 * a wrong password, a disabled user) get 401.
 * <p>
 * The table must list every endpoint the application maps, and nothing else: a controller
 * method without a row fails {@link #theTableHasARowForEveryEndpointOfTheApplication()}.
 * A server-rendered page is a {@link #page} row with the same columns: anonymous callers
 * and API keys (a key is no login to the pages) get 302 to the login form, a role without
 * access 403. People reach pages with the session of a form login, and every form they
 * post carries that session's CSRF token ({@link Request#form}); without it they are
 * refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + AccessControlIntegrationTests.ADMIN_PASSWORD,
				// the wrong-password caller stays refused for its wrong password, not for
				// a lockout
				"liveguard.login.max-failures=1000000" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlIntegrationTests {

	static final String ADMIN_PASSWORD = "access-admin-password";

	static final String PASSWORD = "access-user-password";

	/**
	 * A webhook endpoint for the test event only, at the discard port: nothing listens,
	 * so every attempt fails at once.
	 */
	static final String NEW_WEBHOOK = "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"webhook.test\"]}";

	/** Marks an expected redirect given as a regular expression. */
	static final String PATTERN = "regex:";

	/**
	 * Within the appeal window of the example session, the morning after the seeded
	 * penalty run.
	 */
	static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

	static final String SHOP_A = "shop-a";

	static final String SHOP_B = "shop-b";

	/** A violation finding of the example session, for appeals. */
	static final String CODE = "MISLEADING_HEALTH_CLAIM";

	private static final JsonMapper json = JsonMapper.builder().build();

	/**
	 * One row per endpoint: its method and path template as mapped, the request an
	 * allowed caller sends, and the status each caller gets, in the order anonymous,
	 * PLATFORM, shop-a (owns the data), shop-b (another seller), ANALYST, ADMIN. A 302
	 * sends to the login form unless the row's {@code redirecting} says otherwise. A
	 * revoked key, a wrong password and a disabled user are refused everywhere.
	 */
	static List<Endpoint> endpoints() {
		return List.of(
				// sessions: PLATFORM and ADMIN send them; every role reads them, a seller
				// only its own
				api(HttpMethod.POST, "/api/v1/sessions", (f) -> Request.at().json(f.newSessionRecord())).expect(401,
						201, 403, 403, 403, 201),
				api(HttpMethod.POST, "/api/v1/sessions/batch", (f) -> Request.ndjson(f.newSessionRecord()))
					.expect(401, 200, 403, 403, 403, 200)
					.then(Caller.PLATFORM, AccessControlIntegrationTests::acceptedOne)
					.then(Caller.ADMIN, AccessControlIntegrationTests::acceptedOne),
				api(HttpMethod.GET, "/api/v1/sessions/{sessionId}", (f) -> Request.at(f.sessionOfA)).expect(401, 200,
						200, 404, 200, 200),
				api(HttpMethod.GET, "/api/v1/sessions/{sessionId}/score", (f) -> Request.at(f.sessionOfA)).expect(401,
						200, 200, 404, 200, 200),

				// lives: PLATFORM and ADMIN open, feed and end them; the console's list
				// is staff's; a seller reads only its own
				api(HttpMethod.POST, "/api/v1/lives", (f) -> Request.at().json(f.newGoLive())).expect(401, 201, 403,
						403, 403, 201),
				api(HttpMethod.POST, "/api/v1/lives/{liveId}/signals",
						(f) -> Request.at(f.liveOfA).json(f.nextSignals()))
					.expect(401, 200, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/lives/{liveId}/end", (f) -> Request.at(f.newOpenLive())
					.json("{\"endedAt\":\"2026-11-22T13:00:00Z\",\"stats\":{\"peakViewers\":10,\"avgViewers\":5,"
							+ "\"comments\":0,\"commentsAnswered\":0,\"orders\":0,\"viewerReports\":0}}"))
					.expect(401, 200, 403, 403, 403, 200),
				api(HttpMethod.GET, "/api/v1/lives/{liveId}", (f) -> Request.at(f.liveOfA)).expect(401, 200, 200, 404,
						200, 200),
				api(HttpMethod.GET, "/api/v1/lives", (f) -> Request.at()).expect(401, 403, 403, 403, 200, 200),
				api(HttpMethod.GET, "/api/v1/sellers/{sellerId}/lives", (f) -> Request.at(SHOP_A)).expect(401, 200, 200,
						404, 200, 200),

				// sellers: live-eligibility is the platform's question (and the seller's
				// own), not staff's
				api(HttpMethod.GET, "/api/v1/sellers/{sellerId}/standing", (f) -> Request.at(SHOP_A)).expect(401, 200,
						200, 404, 200, 200),
				api(HttpMethod.GET, "/api/v1/sellers/{sellerId}/penalties", (f) -> Request.at(SHOP_A))
					.expect(401, 200, 200, 404, 200, 200)
					.then(Caller.OWNER, (f, result) -> assertThat(body(result)).isNotEmpty()),
				api(HttpMethod.GET, "/api/v1/sellers/{sellerId}/live-eligibility", (f) -> Request.at(SHOP_A))
					.expect(401, 200, 200, 404, 403, 403),

				// appeals: sellers file their own (ADMIN on their behalf), analysts
				// decide
				api(HttpMethod.POST, "/api/v1/appeals", (f) -> Request.at().json(appeal(f.newStoredSession())))
					.expect(401, 403, 201, 404, 403, 201)
					.then(Caller.OTHER_SELLER, (f, result) -> assertThat(f.appealsOf(f.lastStoredSession())).isZero()),
				api(HttpMethod.GET, "/api/v1/appeals", (f) -> Request.at()).expect(401, 403, 200, 200, 200, 200)
					.then(Caller.OWNER,
							(f, result) -> assertThat(body(result).valueStream())
								.extracting((appeal) -> appeal.get("sellerId").asString())
								.isNotEmpty()
								.containsOnly(SHOP_A))
					.then(Caller.OTHER_SELLER,
							(f, result) -> assertThat(body(result).valueStream())
								.extracting((appeal) -> appeal.get("sellerId").asString())
								.isNotEmpty()
								.containsOnly(SHOP_B)),
				api(HttpMethod.GET, "/api/v1/appeals/{appealId}", (f) -> Request.at(f.appealOfA)).expect(401, 403, 200,
						404, 200, 200),
				api(HttpMethod.POST, "/api/v1/appeals/{appealId}/decision",
						(f) -> Request.at(f.newAppeal()).json("{\"outcome\":\"UPHELD\",\"note\":\"the claim stands\"}"))
					.expect(401, 403, 403, 403, 200, 403),

				// ADMIN only: penalty runs, bulk imports, users, API keys, the audit log
				api(HttpMethod.POST, "/api/v1/penalty-runs",
						(f) -> Request.at().json("{\"businessDate\":\"2026-11-22\",\"market\":\"SG\"}"))
					.expect(401, 403, 403, 403, 403, 202),
				api(HttpMethod.GET, "/api/v1/penalty-runs/{runId}", (f) -> Request.at(f.runId)).expect(401, 403, 403,
						403, 403, 200),
				// the fixture's run has completed: an admin may ask, and is told it
				// cannot be restarted
				api(HttpMethod.POST, "/api/v1/penalty-runs/{runId}/restart", (f) -> Request.at(f.runId)).expect(401,
						403, 403, 403, 403, 409),
				// re-scoring: an empty range in the far future, so it is quick; the
				// fixture's completed one cannot restart
				api(HttpMethod.POST, "/api/v1/rescores",
						(f) -> Request.at().json("{\"from\":\"2030-01-01\",\"to\":\"2030-01-02\"}"))
					.expect(401, 403, 403, 403, 403, 202),
				api(HttpMethod.GET, "/api/v1/rescores/{rescoreId}", (f) -> Request.at(f.rescoreId)).expect(401, 403,
						403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/rescores/{rescoreId}/restart", (f) -> Request.at(f.rescoreId)).expect(401,
						403, 403, 403, 403, 409),
				api(HttpMethod.POST, "/api/v1/imports", (f) -> Request.ndjson(f.newSessionRecord())).expect(401, 403,
						403, 403, 403, 202),
				api(HttpMethod.GET, "/api/v1/imports/{importId}", (f) -> Request.at(f.importId)).expect(401, 403, 403,
						403, 403, 200),
				api(HttpMethod.GET, "/api/v1/imports/{importId}/quarantine", (f) -> Request.at(f.importId)).expect(401,
						403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/imports/{importId}/restart", (f) -> Request.at(f.newFailedImport()))
					.expect(401, 403, 403, 403, 403, 202),
				api(HttpMethod.POST, "/api/v1/users", (f) -> Request.at().json(user(fresh("analyst")))).expect(401, 403,
						403, 403, 403, 201),
				api(HttpMethod.GET, "/api/v1/users", (f) -> Request.at()).expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.GET, "/api/v1/users/{username}", (f) -> Request.at(SHOP_A)).expect(401, 403, 403, 403,
						403, 200),
				api(HttpMethod.POST, "/api/v1/users/{username}/disable", (f) -> Request.at(f.newUser())).expect(401,
						403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/users/{username}/enable", (f) -> Request.at(f.newDisabledUser()))
					.expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/users/{username}/password",
						(f) -> Request.at(f.newUser()).json("{\"password\":\"another-long-password\"}"))
					.expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/api-keys",
						(f) -> Request.at().json("{\"name\":\"Shop VN\",\"role\":\"PLATFORM\"}"))
					.expect(401, 403, 403, 403, 403, 201),
				api(HttpMethod.GET, "/api/v1/api-keys", (f) -> Request.at()).expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.GET, "/api/v1/api-keys/{id}", (f) -> Request.at(f.platformKeyId)).expect(401, 403, 403,
						403, 403, 200),
				api(HttpMethod.POST, "/api/v1/api-keys/{id}/rotate", (f) -> Request.at(f.newApiKey())).expect(401, 403,
						403, 403, 403, 200),
				api(HttpMethod.DELETE, "/api/v1/api-keys/{id}", (f) -> Request.at(f.newApiKey())).expect(401, 403, 403,
						403, 403, 200),
				api(HttpMethod.GET, "/api/v1/audit-events", (f) -> Request.at()).expect(401, 403, 403, 403, 403, 200),

				// webhooks (events.md): ADMIN only
				api(HttpMethod.POST, "/api/v1/webhooks", (f) -> Request.at().json(NEW_WEBHOOK)).expect(401, 403, 403,
						403, 403, 201),
				api(HttpMethod.GET, "/api/v1/webhooks", (f) -> Request.at()).expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.GET, "/api/v1/webhooks/{id}", (f) -> Request.at(f.webhookId)).expect(401, 403, 403, 403,
						403, 200),
				api(HttpMethod.PUT, "/api/v1/webhooks/{id}",
						(f) -> Request.at(f.newWebhook()).json("{\"description\":\"changed\"}"))
					.expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.DELETE, "/api/v1/webhooks/{id}", (f) -> Request.at(f.newWebhook())).expect(401, 403, 403,
						403, 403, 204),
				api(HttpMethod.POST, "/api/v1/webhooks/{id}/rotate-secret", (f) -> Request.at(f.newWebhook()))
					.expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/webhooks/{id}/test", (f) -> Request.at(f.newWebhook())).expect(401, 403,
						403, 403, 403, 202),
				api(HttpMethod.GET, "/api/v1/webhooks/{id}/deliveries", (f) -> Request.at(f.webhookId)).expect(401, 403,
						403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/webhooks/{id}/deliveries/{messageId}/retry",
						(f) -> Request.at(f.newFailedDelivery()))
					.expect(401, 403, 403, 403, 403, 202),

				api(HttpMethod.GET, "/api/v1/sessions/{sessionId}/rescore", (f) -> Request.at(f.sessionOfA)).expect(401,
						403, 403, 403, 200, 200),

				// rule packs: analysts and admins read them, analysts write drafts,
				// admins publish and roll back
				api(HttpMethod.GET, "/api/v1/rule-packs", (f) -> Request.at()).expect(401, 403, 403, 403, 200, 200),
				api(HttpMethod.GET, "/api/v1/rule-packs/{packId}/statistics", (f) -> Request.at("default")).expect(401,
						403, 403, 403, 200, 200),
				api(HttpMethod.GET, "/api/v1/rule-packs/{packId}/versions", (f) -> Request.at("default")).expect(401,
						403, 403, 403, 200, 200),
				api(HttpMethod.GET, "/api/v1/rule-packs/{packId}/versions/{version}", (f) -> Request.at("default", 1))
					.expect(401, 403, 403, 403, 200, 200),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions",
						(f) -> Request.at("default").json(f.draftOfTheActiveVersion()))
					.expect(401, 403, 403, 403, 201, 403),
				api(HttpMethod.PUT, "/api/v1/rule-packs/{packId}/versions/{version}",
						(f) -> Request.at("default", f.newDraft()).json(f.draftOfTheActiveVersion()))
					.expect(401, 403, 403, 403, 200, 403),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions/{version}/test",
						(f) -> Request.at("default", 1).json("{}"))
					.expect(401, 403, 403, 403, 200, 403),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions/{version}/backtest",
						(f) -> Request.at("default", 1).json("{\"from\":\"2026-11-01\",\"to\":\"2026-11-22\"}"))
					.expect(401, 403, 403, 403, 202, 403),
				api(HttpMethod.GET, "/api/v1/backtests/{id}", (f) -> Request.at(f.newBacktest())).expect(401, 403, 403,
						403, 200, 200),
				// the former address of a back-test, kept for clients (not in the API
				// description)
				api(HttpMethod.GET, "/api/v1/rule-packs/backtests/{id}", (f) -> Request.at(f.newBacktest())).expect(401,
						403, 403, 403, 200, 200),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions/{version}/propose",
						(f) -> Request.at("default", f.newDraft()))
					.expect(401, 403, 403, 403, 200, 403),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions/{version}/reject",
						(f) -> Request.at("default", f.newProposal()))
					.expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions/{version}/publish",
						(f) -> Request.at("default", f.newProposal()).json(f.approvalOfTheLastProposal()))
					.expect(401, 403, 403, 403, 403, 200),
				api(HttpMethod.POST, "/api/v1/rule-packs/{packId}/versions/{version}/rollback",
						(f) -> Request.at("default", f.newRetiredVersion()))
					.expect(401, 403, 403, 403, 403, 200),

				// the API description: any caller who is someone
				docs(HttpMethod.GET, "/v3/api-docs", (f) -> Request.at()).expect(401, 200, 200, 200, 200, 200),
				docs(HttpMethod.GET, "/swagger-ui.html", (f) -> Request.at()).expect(401, 302, 302, 302, 302, 302)
					.redirecting("/swagger-ui/index.html", Caller.PLATFORM, Caller.OWNER, Caller.OTHER_SELLER,
							Caller.ANALYST, Caller.ADMIN),

				// the actuator: the health probe is open, the metrics (for Prometheus,
				// and
				// to browse) are ADMIN's (a key is known there, so refused with 403, not
				// taken for a
				// bad credential)
				management(HttpMethod.GET, "/actuator/health", (f) -> Request.at()).expect(200, 200, 200, 200, 200,
						200),
				management(HttpMethod.GET, "/actuator/prometheus", (f) -> Request.at())
					.expect(401, 403, 403, 403, 403, 200)
					.then(Caller.ADMIN,
							(f, result) -> assertThat(result.getResponseBody())
								.contains("liveguard_sessions_ingested_total")),
				management(HttpMethod.GET, "/actuator/metrics", (f) -> Request.at())
					.expect(401, 403, 403, 403, 403, 200)
					.then(Caller.ADMIN,
							(f, result) -> assertThat(body(result).get("names").valueStream().map(JsonNode::asString))
								.contains("liveguard.sessions.ingested")),

				// the pages: the login form is open (people already in are sent home),
				// home sends each role
				// to its page; a seller sees and appeals only its own, analysts decide,
				// admins run
				page(HttpMethod.GET, "/login", (f) -> Request.at()).expect(200, 200, 302, 302, 302, 302)
					.redirecting("/", Caller.OWNER, Caller.OTHER_SELLER, Caller.ANALYST, Caller.ADMIN),
				page(HttpMethod.GET, "/", (f) -> Request.at()).expect(302, 302, 302, 302, 302, 302)
					.redirecting("/seller", Caller.OWNER, Caller.OTHER_SELLER)
					.redirecting("/analyst/appeals", Caller.ANALYST)
					.redirecting("/admin/penalty-runs", Caller.ADMIN),
				page(HttpMethod.GET, "/seller", (f) -> Request.at()).expect(302, 302, 200, 200, 403, 403)
					.then(Caller.OWNER, (f, result) -> assertThat(result.getResponseBody()).contains(f.sessionOfA))
					.then(Caller.OTHER_SELLER,
							(f, result) -> assertThat(result.getResponseBody()).doesNotContain(f.sessionOfA, SHOP_A)),
				page(HttpMethod.POST, "/seller/appeals",
						(f) -> Request.at().form("sessionId", f.newStoredSession(), "code", CODE, "reason", "a quote"))
					.expect(302, 302, 302, 302, 403, 403)
					.redirecting("/seller", Caller.OWNER, Caller.OTHER_SELLER)
					.then(Caller.OWNER, (f, result) -> assertThat(f.appealsOf(f.lastStoredSession())).isOne())
					.then(Caller.OTHER_SELLER, (f, result) -> assertThat(f.appealsOf(f.lastStoredSession())).isZero()),
				// lives: the console is for analysts and admins; a live's page also for
				// its seller, another seller's is 404 as in the API; a seller lists its
				// own
				page(HttpMethod.GET, "/lives", (f) -> Request.at()).expect(302, 302, 403, 403, 200, 200)
					.then(Caller.ANALYST, (f, result) -> assertThat(result.getResponseBody()).contains(f.liveOfA)),
				page(HttpMethod.GET, "/lives/open/rows", (f) -> Request.at()).expect(302, 302, 403, 403, 200, 200)
					.then(Caller.ADMIN, (f, result) -> assertThat(result.getResponseBody()).contains(f.liveOfA)),
				page(HttpMethod.GET, "/lives/{liveId}", (f) -> Request.at(f.liveOfA)).expect(302, 302, 200, 404, 200,
						200),
				page(HttpMethod.GET, "/lives/{liveId}/updates", (f) -> Request.at(f.liveOfA)).expect(302, 302, 200, 404,
						200, 200),
				page(HttpMethod.GET, "/seller/lives", (f) -> Request.at()).expect(302, 302, 200, 200, 403, 403)
					.then(Caller.OWNER, (f, result) -> assertThat(result.getResponseBody()).contains(f.liveOfA))
					.then(Caller.OTHER_SELLER,
							(f, result) -> assertThat(result.getResponseBody()).doesNotContain(f.liveOfA)),
				page(HttpMethod.GET, "/analyst/appeals", (f) -> Request.at()).expect(302, 302, 403, 403, 200, 403),
				page(HttpMethod.POST, "/analyst/appeals/{appealId}/decision",
						(f) -> Request.at(f.newAppeal()).form("outcome", "UPHELD", "note", "the claim stands"))
					.expect(302, 302, 403, 403, 302, 403)
					.redirecting("/analyst/appeals", Caller.ANALYST),
				page(HttpMethod.GET, "/admin/penalty-runs", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/penalty-runs",
						(f) -> Request.at().form("businessDate", "2026-11-22", "market", "SG"))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/penalty-runs", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/penalty-runs/{runId}", (f) -> Request.at(f.runId)).expect(302, 302, 403,
						403, 403, 200),
				// the fixture's run has completed: the admin is sent back to it with a
				// notice that it cannot restart
				page(HttpMethod.POST, "/admin/penalty-runs/{runId}/restart", (f) -> Request.at(f.runId).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirectingMatching("/admin/penalty-runs/\\d+", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/penalty-runs/{runId}/row", (f) -> Request.at(f.runId)).expect(302, 302,
						403, 403, 403, 200),
				page(HttpMethod.GET, "/admin/penalty-runs/{runId}/progress", (f) -> Request.at(f.runId)).expect(302,
						302, 403, 403, 403, 200),
				page(HttpMethod.GET, "/admin/imports", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				page(HttpMethod.GET, "/admin/imports/{importId}/row", (f) -> Request.at(f.importId)).expect(302, 302,
						403, 403, 403, 200),
				page(HttpMethod.GET, "/admin/imports/{importId}/quarantine", (f) -> Request.at(f.importId)).expect(302,
						302, 403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/imports/{importId}/restart",
						(f) -> Request.at(f.newFailedImport()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/imports", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/users", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/users", (f) -> Request.at()
					.form("username", fresh("analyst"), "password", "a-long-enough-password", "role", "ANALYST"))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/users", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/users/{username}/disable", (f) -> Request.at(f.newUser()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/users", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/users/{username}/enable", (f) -> Request.at(f.newDisabledUser()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/users", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/users/{username}/password",
						(f) -> Request.at(f.newUser()).form("password", "another-long-password"))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/users", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/api-keys", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/api-keys", (f) -> Request.at().form("name", "Partner"))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/api-keys", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/api-keys/{id}/rotate", (f) -> Request.at(f.newApiKey()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/api-keys", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/api-keys/{id}/revoke", (f) -> Request.at(f.newApiKey()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/api-keys", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/audit", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				// the webhooks pages: ADMIN only, as the API
				page(HttpMethod.GET, "/admin/webhooks", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/webhooks",
						(f) -> Request.at().form("url", "http://127.0.0.1:9/hook", "events", "webhook.test"))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/webhooks", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/webhooks/{id}/edit", (f) -> Request.at(f.webhookId)).expect(302, 302, 403,
						403, 403, 200),
				// a refused change goes back to the edit page, a saved one to the list
				page(HttpMethod.POST, "/admin/webhooks/{id}",
						(f) -> Request.at(f.newWebhook())
							.form("url", "http://127.0.0.1:9/changed", "events", "webhook.test", "description",
									"changed", "enabled", "true"))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/webhooks", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/webhooks/{id}/rotate", (f) -> Request.at(f.newWebhook()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/webhooks", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/webhooks/{id}/delete", (f) -> Request.at(f.webhookId)).expect(302, 302,
						403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/webhooks/{id}/delete", (f) -> Request.at(f.newWebhook()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/webhooks", Caller.ADMIN),
				// a test sent shows the endpoint's deliveries (a refused one the list)
				page(HttpMethod.POST, "/admin/webhooks/{id}/test", (f) -> Request.at(f.newWebhook()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirectingMatching("/admin/webhooks/wh_[A-Za-z0-9_-]+/deliveries", Caller.ADMIN),
				page(HttpMethod.GET, "/admin/webhooks/{id}/deliveries", (f) -> Request.at(f.webhookId)).expect(302, 302,
						403, 403, 403, 200),
				page(HttpMethod.POST, "/admin/webhooks/{id}/deliveries/{messageId}/retry",
						(f) -> Request.at(f.newFailedDelivery()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirectingMatching("/admin/webhooks/wh_[A-Za-z0-9_-]+/deliveries", Caller.ADMIN),
				page(HttpMethod.GET, "/analyst/rule-packs", (f) -> Request.at()).expect(302, 302, 403, 403, 200, 403),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/drafts",
						(f) -> Request.at("default").form("basedOn", "1"))
					.expect(302, 302, 403, 403, 302, 403)
					.redirectingMatching("/analyst/rule-packs/default/versions/\\d+", Caller.ANALYST),
				page(HttpMethod.GET, "/analyst/rule-packs/{packId}/versions/{version}", (f) -> Request.at("default", 1))
					.expect(302, 302, 403, 403, 200, 403),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/versions/{version}/files",
						(f) -> Request.at("default", f.newDraft())
							.form("path", "keywords/off-platform.txt", "content", "zalo\ntelegram\n"))
					.expect(302, 302, 403, 403, 302, 403)
					.redirectingMatching("/analyst/rule-packs/default/versions/\\d+", Caller.ANALYST),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/versions/{version}/keywords",
						(f) -> Request.at("default", f.newDraft())
							.form("path", "keywords/off-platform.txt", "phrase", "zalo", "add", "signal"))
					.expect(302, 302, 403, 403, 302, 403)
					.redirectingMatching("/analyst/rule-packs/default/versions/\\d+", Caller.ANALYST),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/versions/{version}/findings",
						(f) -> Request.at("default", f.newDraft())
							.form("c0", "OFF_PLATFORM_REDIRECT", "c1", "VIOLATION", "c2", "MODERATE", "c3", "3", "c4",
									"0", "c5", "", "c6", "Off the platform"))
					.expect(302, 302, 403, 403, 302, 403)
					.redirectingMatching("/analyst/rule-packs/default/versions/\\d+", Caller.ANALYST),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/versions/{version}/test",
						(f) -> Request.at("default", 1).form())
					.expect(302, 302, 403, 403, 302, 403)
					.redirecting("/analyst/rule-packs/default/versions/1", Caller.ANALYST),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/versions/{version}/backtest",
						(f) -> Request.at("default", 1).form("from", "2026-11-01", "to", "2026-11-22"))
					.expect(302, 302, 403, 403, 302, 403)
					.redirectingMatching("/analyst/backtests/\\d+", Caller.ANALYST),
				page(HttpMethod.GET, "/analyst/backtests/{id}", (f) -> Request.at(f.newBacktest())).expect(302, 302,
						403, 403, 200, 403),
				page(HttpMethod.GET, "/admin/rule-packs", (f) -> Request.at()).expect(302, 302, 403, 403, 403, 200),
				page(HttpMethod.POST, "/analyst/rule-packs/{packId}/versions/{version}/propose",
						(f) -> Request.at("default", f.newDraft()).form())
					.expect(302, 302, 403, 403, 302, 403)
					.redirectingMatching("/analyst/rule-packs/default/versions/\\d+", Caller.ANALYST),
				page(HttpMethod.POST, "/admin/rule-packs/{packId}/versions/{version}/reject",
						(f) -> Request.at("default", f.newProposal()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/rule-packs", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/rule-packs/{packId}/versions/{version}/publish",
						(f) -> Request.at("default", f.newProposal()).form("contentHash", f.lastProposalHash()))
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/rule-packs", Caller.ADMIN),
				page(HttpMethod.POST, "/admin/rule-packs/{packId}/versions/{version}/rollback",
						(f) -> Request.at("default", f.newRetiredVersion()).form())
					.expect(302, 302, 403, 403, 403, 302)
					.redirecting("/admin/rule-packs", Caller.ADMIN));
	}

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping handlerMapping;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PathMappedEndpoints actuatorEndpoints;

	@LocalServerPort
	private int port;

	private RestTestClient client;

	private Fixtures fixtures;

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		@Primary
		Clock fixedClock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@BeforeAll
	void usersKeysSessionsAppealsAndAPenaltyRun() {
		// redirects and cookies are the test's to see, so the client follows and keeps
		// neither
		this.client = RestTestClient
			.bindToServer(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()))
			.baseUrl("http://localhost:" + this.port)
			.build();
		this.fixtures = new Fixtures();
		this.fixtures.seed();
	}

	@TestFactory
	Stream<DynamicContainer> everyCallerGetsWhatTheTableSays() {
		return endpoints().stream()
			.map((endpoint) -> DynamicContainer.dynamicContainer(endpoint.toString(),
					Arrays.stream(Caller.values())
						.map((caller) -> DynamicTest.dynamicTest(
								"as " + caller.description + ": " + endpoint.expectation(caller),
								() -> verify(endpoint, caller)))));
	}

	@Test
	void theTableHasARowForEveryEndpointOfTheApplication() {
		Set<String> application = new TreeSet<>();
		Set<String> springdoc = new TreeSet<>();
		this.handlerMapping.getHandlerMethods().forEach((info, method) -> {
			String owner = method.getBeanType().getPackageName() + ".";
			if (ErrorController.class.isAssignableFrom(method.getBeanType())) {
				// the error controller (Boot's, extended to answer problem details)
				// renders the others' errors
			}
			else if (owner.startsWith("io.liveguard.web.")) {
				application.addAll(keys(info));
			}
			else if (owner.startsWith("org.springdoc.")) {
				springdoc.addAll(keys(info));
			}
		});
		// the API description is springdoc's, but it is ours to protect
		assertThat(springdoc).contains("GET /v3/api-docs", "GET /swagger-ui.html");
		application.addAll(List.of("GET /v3/api-docs", "GET /swagger-ui.html"));
		// and so are the actuator endpoints it exposes over HTTP
		this.actuatorEndpoints.getAllPaths().forEach((path) -> application.add("GET " + path));
		Set<String> rows = endpoints().stream().map(Endpoint::toString).collect(Collectors.toCollection(TreeSet::new));

		Set<String> withoutRow = new TreeSet<>(application);
		withoutRow.removeAll(rows);
		Set<String> unmapped = new TreeSet<>(rows);
		unmapped.removeAll(application);

		assertThat(rows).as("rows, one per endpoint").hasSameSizeAs(endpoints());
		assertThat(withoutRow).as("endpoints of the application without a row in endpoints()").isEmpty();
		assertThat(unmapped).as("rows of endpoints the application does not map").isEmpty();
	}

	/**
	 * The API description works out each operation's 401 and 403 from the security rules
	 * and its 404 from the ids in its path: it must list exactly the refusals this table
	 * sees (a 404 the table sees is listed; the description may list 404 where no caller
	 * here meets it, for an unknown id).
	 */
	@Test
	void theApiDescriptionListsTheRefusalsTheTableGives() {
		JsonNode paths = body(this.fixtures.asAdmin(HttpMethod.GET, "/v3/api-docs", null, HttpStatus.OK)).get("paths");
		List<Endpoint> described = endpoints().stream()
			.filter((endpoint) -> endpoint.kind == Kind.API && paths.has(endpoint.path))
			.toList();
		assertThat(described).hasSizeGreaterThan(40);
		for (Endpoint endpoint : described) {
			JsonNode responses = paths.get(endpoint.path).get(endpoint.method.name().toLowerCase()).get("responses");
			for (int refusal : List.of(401, 403)) {
				assertThat(responses.has(String.valueOf(refusal))).as(endpoint + " documents " + refusal)
					.isEqualTo(endpoint.statuses.containsValue(refusal));
			}
			if (endpoint.statuses.containsValue(404)) {
				assertThat(responses.has("404")).as(endpoint + " documents 404").isTrue();
			}
			// the success the table sees (201, 202...) is described, and any other
			// success is one written on purpose (a repeat's 200), not springdoc's
			// default "OK"
			Set<String> successes = endpoint.statuses.values()
				.stream()
				.filter((status) -> status >= 200 && status < 300)
				.map(String::valueOf)
				.collect(Collectors.toSet());
			assertThat(responses.propertyNames()).as(endpoint + " documents its success").containsAll(successes);
			responses.properties()
				.stream()
				.filter((answer) -> answer.getKey().startsWith("2") && !successes.contains(answer.getKey()))
				.forEach((answer) -> assertThat(answer.getValue().path("description").asString())
					.as(endpoint + " documents " + answer.getKey() + " on purpose")
					.isNotEqualTo("OK"));
		}
	}

	@Test
	void onlyTheLoginPageItsStylesheetAndTheHealthProbeAnswerWithoutCredentials() {
		EntityExchangeResult<String> health = anonymous(HttpMethod.GET, "/actuator/health");
		assertThat(health.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(health).get("status").asString()).isEqualTo("UP");
		for (String open : List.of("/login", "/css/liveguard.css")) {
			assertThat(anonymous(HttpMethod.GET, open).getStatus()).as(open)
				.isNotIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN, HttpStatus.FOUND);
		}
		for (String closed : List.of("/", "/error", "/actuator", "/actuator/info", "/actuator/env", "/v3/api-docs.yaml",
				"/v3/api-docs/swagger-config", "/swagger-ui/index.html", "/no-such-page")) {
			assertChallenged(anonymous(HttpMethod.GET, closed), closed);
		}
		for (String api : List.of("/api/v1/no-such-endpoint", "/api", "/api/v1/sessions/batch")) {
			assertUnauthenticatedProblem(anonymous(HttpMethod.GET, api), "GET " + api);
		}
		// a method no rule names is refused even to an admin
		EntityExchangeResult<String> put = this.client.put()
			.uri("/api/v1/sessions/{sessionId}", this.fixtures.sessionOfA)
			.headers(Caller.ADMIN.credentials(this.fixtures))
			.contentType(MediaType.APPLICATION_JSON)
			.body("{}")
			.exchange()
			.returnResult(String.class);
		assertThat(put.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void anotherSellersIdsCannotBeToldFromUnknownOnes() {
		Fixtures f = this.fixtures;
		Map<String, List<String>> probes = new LinkedHashMap<>();
		probes.put("/api/v1/sessions/{id}", List.of(f.sessionOfA, "ac-never-sent"));
		probes.put("/api/v1/sessions/{id}/score", List.of(f.sessionOfA, "ac-never-sent"));
		probes.put("/api/v1/sellers/{id}/standing", List.of(SHOP_A, "shop-never-seen"));
		probes.put("/api/v1/sellers/{id}/penalties", List.of(SHOP_A, "shop-never-seen"));
		probes.put("/api/v1/sellers/{id}/live-eligibility", List.of(SHOP_A, "shop-never-seen"));
		probes.put("/api/v1/appeals/{id}", List.of(f.appealOfA, UUID.randomUUID().toString()));
		probes.put("/api/v1/lives/{id}", List.of(f.liveOfA, "ac-never-opened"));
		probes.put("/api/v1/sellers/{id}/lives", List.of(SHOP_A, "shop-never-seen"));
		probes.forEach((path, ids) -> {
			List<String> answers = ids.stream().map((id) -> {
				EntityExchangeResult<String> result = this.client.get()
					.uri(path, id)
					.headers(Caller.OTHER_SELLER.credentials(f))
					.exchange()
					.returnResult(String.class);
				return result.getStatus().value() + " " + result.getResponseBody().replace(id, "{id}");
			}).toList();
			assertThat(answers.get(0)).as(path).startsWith("404 ").isEqualTo(answers.get(1));
		});
		List<String> filed = Stream.of(f.newStoredSession(), "ac-never-sent").map((sessionId) -> {
			EntityExchangeResult<String> result = this.client.post()
				.uri("/api/v1/appeals")
				.headers(Caller.OTHER_SELLER.credentials(f))
				.contentType(MediaType.APPLICATION_JSON)
				.body(appeal(sessionId))
				.exchange()
				.returnResult(String.class);
			return result.getStatus().value() + " " + result.getResponseBody().replace(sessionId, "{id}");
		}).toList();
		assertThat(filed.get(0)).as("POST /api/v1/appeals").startsWith("404 ").isEqualTo(filed.get(1));
	}

	private void verify(Endpoint endpoint, Caller caller) {
		String what = endpoint + " as " + caller.description;
		Request request = endpoint.requestOf(caller, this.fixtures);
		if (endpoint.kind == Kind.PAGE && request.isForm() && caller.pageUser() != null) {
			assertThat(call(endpoint, caller, request, false).getStatus()).as(what + " without the CSRF token")
				.isEqualTo(HttpStatus.FORBIDDEN);
		}
		EntityExchangeResult<String> result = call(endpoint, caller, request, true);
		if (caller.refused) {
			if (endpoint.kind == Kind.API) {
				assertUnauthenticatedProblem(result, what);
			}
			else if (endpoint.open()) {
				// bad credentials get no more than none: the open answer, or a challenge
				// for them
				assertThat(result.getStatus().value()).as(what).isIn(endpoint.status(Caller.ANONYMOUS), 401);
			}
			else {
				assertChallenged(result, what);
			}
			return;
		}
		int expected = endpoint.status(caller);
		assertThat(result.getStatus().value()).as(what + "; answered " + result.getResponseBody()).isEqualTo(expected);
		if (expected == 401 && endpoint.kind == Kind.API) {
			assertUnauthenticatedProblem(result, what);
		}
		else if (expected >= 400 && endpoint.kind == Kind.API) {
			assertThat(result.getResponseHeaders().getContentType()).as(what)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		else if (expected == 302) {
			String redirect = endpoint.redirect(caller);
			if (redirect.startsWith(PATTERN)) {
				assertThat(location(result)).as(what).matches(redirect.substring(PATTERN.length()));
			}
			else {
				assertThat(location(result)).as(what).isEqualTo(redirect);
			}
		}
		BiConsumer<Fixtures, EntityExchangeResult<String>> check = endpoint.checks.get(caller);
		if (check != null) {
			check.accept(this.fixtures, result);
		}
	}

	private EntityExchangeResult<String> call(Endpoint endpoint, Caller caller, Request request, boolean csrfToken) {
		RestTestClient.RequestBodySpec spec = this.client.method(endpoint.method)
			.uri(endpoint.path, request.uriVariables());
		String body = request.body();
		if (endpoint.kind == Kind.PAGE) {
			// people present their page session only; the others also send what they have
			PageSession session = this.fixtures.pageSession(caller);
			spec = spec.accept(MediaType.TEXT_HTML).cookie(PageSession.COOKIE, session.cookie());
			if (request.isForm() && csrfToken) {
				body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + encode(session.csrfToken());
			}
		}
		if (endpoint.kind != Kind.PAGE || caller.pageUser() == null) {
			spec = spec.headers(caller.credentials(this.fixtures));
		}
		if (request.contentType() != null) {
			spec = spec.contentType(request.contentType());
		}
		return ((body != null) ? spec.body(body) : spec).exchange().returnResult(String.class);
	}

	private EntityExchangeResult<String> anonymous(HttpMethod method, String uri) {
		return this.client.method(method).uri(uri).exchange().returnResult(String.class);
	}

	private static void assertUnauthenticatedProblem(EntityExchangeResult<String> result, String what) {
		assertThat(result.getStatus()).as(what).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(result.getResponseHeaders().getContentType()).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("status").asInt()).as(what).isEqualTo(401);
		assertThat(result.getResponseHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).as(what)
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("Basic realm="))
			.anySatisfy((challenge) -> assertThat(challenge).startsWith("Bearer realm="));
	}

	/**
	 * Outside the API an unauthenticated request is either challenged or sent to the
	 * login form.
	 */
	private static void assertChallenged(EntityExchangeResult<String> result, String what) {
		if (result.getStatus() == HttpStatus.FOUND) {
			assertThat(location(result)).as(what).isEqualTo("/login");
		}
		else {
			assertThat(result.getStatus()).as(what).isEqualTo(HttpStatus.UNAUTHORIZED);
		}
	}

	private static @Nullable String location(EntityExchangeResult<?> result) {
		URI location = result.getResponseHeaders().getLocation();
		return (location == null) ? null : location.getPath();
	}

	private static List<String> keys(RequestMappingInfo info) {
		Set<String> methods = info.getMethodsCondition()
			.getMethods()
			.stream()
			.map(Enum::name)
			.collect(Collectors.toCollection(TreeSet::new));
		if (methods.isEmpty()) {
			// a mapping without a method answers them all: it needs a decision, so it
			// shows up unmatched
			methods.add("ANY");
		}
		List<String> keys = new ArrayList<>();
		for (String method : methods) {
			for (String pattern : info.getPatternValues()) {
				keys.add(method + " " + pattern);
			}
		}
		return keys;
	}

	private static void acceptedOne(Fixtures fixtures, EntityExchangeResult<String> result) {
		assertThat(body(result).get("accepted").asInt()).isOne();
	}

	private static JsonNode body(EntityExchangeResult<String> result) {
		return json.readTree(result.getResponseBody());
	}

	private static String appeal(String sessionId) {
		return json.writeValueAsString(Map.of("sessionId", sessionId, "code", CODE, "reason", "the claim was a quote"));
	}

	private static String user(String username) {
		return json.writeValueAsString(Map.of("username", username, "password", PASSWORD, "role", "ANALYST"));
	}

	private static String fresh(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Endpoint api(HttpMethod method, String path, Function<Fixtures, Request> request) {
		return new Endpoint(Kind.API, method, path, request);
	}

	private static Endpoint docs(HttpMethod method, String path, Function<Fixtures, Request> request) {
		return new Endpoint(Kind.DOCS, method, path, request);
	}

	private static Endpoint management(HttpMethod method, String path, Function<Fixtures, Request> request) {
		return new Endpoint(Kind.MANAGEMENT, method, path, request);
	}

	/**
	 * A server-rendered page: its callers log in with the form and post forms with the
	 * CSRF token.
	 */
	static Endpoint page(HttpMethod method, String path, Function<Fixtures, Request> request) {
		return new Endpoint(Kind.PAGE, method, path, request);
	}

	/** How an endpoint is reached, which decides how callers present themselves. */
	enum Kind {

		/**
		 * {@code /api/**}: stateless, API keys and HTTP Basic, 401 as a problem detail.
		 */
		API,

		/**
		 * The API description, outside the API's filter chain: HTTP Basic, an API key or
		 * a login.
		 */
		DOCS,

		/**
		 * An actuator endpoint, outside the API's filter chain: HTTP Basic, or an API key
		 * where one is let in.
		 */
		MANAGEMENT,

		/**
		 * A page: people log in with the form; unauthenticated browsers are sent to it.
		 */
		PAGE

	}

	/**
	 * Who calls: the six columns of the table, then callers whose credentials are refused
	 * everywhere.
	 */
	enum Caller {

		ANONYMOUS("anonymous", false),

		PLATFORM("PLATFORM (API key)", false),

		OWNER("SELLER shop-a (owns the data)", false),

		OTHER_SELLER("SELLER shop-b (another seller)", false),

		ANALYST("ANALYST", false),

		ADMIN("ADMIN", false),

		REVOKED_KEY("a revoked API key", true),

		WRONG_PASSWORD("an ADMIN with a wrong password", true),

		DISABLED_USER("a disabled ADMIN", true);

		final String description;

		final boolean refused;

		Caller(String description, boolean refused) {
			this.description = description;
			this.refused = refused;
		}

		/** The Authorization header this caller sends, if any. */
		Consumer<HttpHeaders> credentials(Fixtures fixtures) {
			return (headers) -> {
				switch (this) {
					case ANONYMOUS -> {
					}
					case PLATFORM -> headers.setBearerAuth(fixtures.platformKey);
					case OWNER -> headers.setBasicAuth(SHOP_A, PASSWORD);
					case OTHER_SELLER -> headers.setBasicAuth(SHOP_B, PASSWORD);
					case ANALYST -> headers.setBasicAuth("analyst", PASSWORD);
					case ADMIN -> headers.setBasicAuth("admin", ADMIN_PASSWORD);
					case REVOKED_KEY -> headers.setBearerAuth(fixtures.revokedKey);
					case WRONG_PASSWORD -> headers.setBasicAuth("guesser", "not-" + PASSWORD);
					case DISABLED_USER -> headers.setBasicAuth("retired", PASSWORD);
				}
			};
		}

		/**
		 * The user this caller logs in to the pages as; null for callers who cannot log
		 * in.
		 */
		@Nullable String pageUser() {
			return switch (this) {
				case OWNER -> SHOP_A;
				case OTHER_SELLER -> SHOP_B;
				case ANALYST -> "analyst";
				case ADMIN -> "admin";
				default -> null;
			};
		}

	}

	/** A row of the table. */
	static final class Endpoint {

		final Kind kind;

		final HttpMethod method;

		final String path;

		final Function<Fixtures, Request> request;

		final Map<Caller, Integer> statuses = new EnumMap<>(Caller.class);

		final Map<Caller, BiConsumer<Fixtures, EntityExchangeResult<String>>> checks = new EnumMap<>(Caller.class);

		/** Where callers are redirected other than to the login form. */
		final Map<Caller, String> redirects = new EnumMap<>(Caller.class);

		private @Nullable Request forRefusals;

		Endpoint(Kind kind, HttpMethod method, String path, Function<Fixtures, Request> request) {
			this.kind = kind;
			this.method = method;
			this.path = path;
			this.request = request;
		}

		/** The status of each caller, in the table's column order. */
		Endpoint expect(int anonymous, int platform, int owner, int otherSeller, int analyst, int admin) {
			this.statuses.put(Caller.ANONYMOUS, anonymous);
			this.statuses.put(Caller.PLATFORM, platform);
			this.statuses.put(Caller.OWNER, owner);
			this.statuses.put(Caller.OTHER_SELLER, otherSeller);
			this.statuses.put(Caller.ANALYST, analyst);
			this.statuses.put(Caller.ADMIN, admin);
			return this;
		}

		/** More to check of one caller's answer than its status. */
		Endpoint then(Caller caller, BiConsumer<Fixtures, EntityExchangeResult<String>> check) {
			this.checks.put(caller, check);
			return this;
		}

		/** Like {@link #redirecting}, to a path matching {@code regex}. */
		Endpoint redirectingMatching(String regex, Caller... callers) {
			return redirecting(PATTERN + regex, callers);
		}

		/** Where these callers' 302 sends them; any other 302 sends to the login form. */
		Endpoint redirecting(String path, Caller... callers) {
			for (Caller caller : callers) {
				this.redirects.put(caller, path);
			}
			return this;
		}

		String redirect(Caller caller) {
			return this.redirects.getOrDefault(caller, "/login");
		}

		int status(Caller caller) {
			return this.statuses.get(caller);
		}

		/**
		 * What the caller sends. A caller who may do what the row does gets fresh objects
		 * (a new draft to propose, a new proposal to publish), so its call really
		 * succeeds. Refused callers share one request per row: a refusal changes nothing,
		 * and had a refused call got through, its status (a success, or a conflict over a
		 * shared object) would differ from the refusal the row expects. Making fresh
		 * objects costs: a retired version is a publish, which runs the pack's tests in a
		 * child JVM.
		 */
		Request requestOf(Caller caller, Fixtures fixtures) {
			if (!refuses(caller) || this.checks.containsKey(caller)) {
				return this.request.apply(fixtures);
			}
			if (this.forRefusals == null) {
				this.forRefusals = this.request.apply(fixtures);
			}
			return this.forRefusals;
		}

		/**
		 * Whether the caller is refused: refused credentials, 401, 403, 404, or sent to
		 * the login form.
		 */
		boolean refuses(Caller caller) {
			if (caller.refused) {
				return true;
			}
			int status = status(caller);
			return status == 401 || status == 403 || status == 404
					|| (status == 302 && this.kind == Kind.PAGE && !this.redirects.containsKey(caller));
		}

		/** Whether anonymous callers are answered, as by the login page. */
		boolean open() {
			return HttpStatus.valueOf(status(Caller.ANONYMOUS)).is2xxSuccessful();
		}

		String expectation(Caller caller) {
			if (caller.refused) {
				if (this.kind == Kind.API) {
					return "401";
				}
				return open() ? status(Caller.ANONYMOUS) + " or 401" : "401 or 302 to /login";
			}
			int status = status(caller);
			if (status == 302) {
				return "302 to " + redirect(caller);
			}
			return Integer.toString(status);
		}

		@Override
		public String toString() {
			return this.method.name() + " " + this.path;
		}

	}

	/**
	 * What a caller sends: values for the path template's variables and a body.
	 *
	 * @param uriVariables the path variables, in order
	 * @param contentType the body's type
	 * @param body the body
	 */
	record Request(Object[] uriVariables, @Nullable MediaType contentType, @Nullable String body) {

		static Request at(Object... uriVariables) {
			return new Request(uriVariables, null, null);
		}

		static Request ndjson(String line) {
			return new Request(new Object[0], MediaType.parseMediaType("application/x-ndjson"), line + "\n");
		}

		Request json(String body) {
			return new Request(this.uriVariables, MediaType.APPLICATION_JSON, body);
		}

		boolean isForm() {
			return MediaType.APPLICATION_FORM_URLENCODED.equals(this.contentType) && this.body != null;
		}

		/**
		 * A form as a browser posts it; the caller's CSRF token is added when it is sent
		 * (and people posting it without the token are refused first).
		 */
		Request form(String... namesAndValues) {
			StringBuilder form = new StringBuilder();
			for (int i = 0; i < namesAndValues.length; i += 2) {
				form.append((i == 0) ? "" : "&")
					.append(encode(namesAndValues[i]))
					.append('=')
					.append(encode(namesAndValues[i + 1]));
			}
			return new Request(this.uriVariables, MediaType.APPLICATION_FORM_URLENCODED, form.toString());
		}

	}

	/**
	 * A browser's session with the pages: its session cookie and the CSRF token its forms
	 * carry.
	 *
	 * @param cookie the session id
	 * @param csrfToken a CSRF token of the session, as the pages render it into their
	 * forms
	 */
	record PageSession(String cookie, String csrfToken) {

		static final String COOKIE = "JSESSIONID";

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

		static String csrfToken(String html) {
			Matcher matcher = CSRF.matcher(html);
			assertThat(matcher.find()).as("a page with a CSRF token in its forms").isTrue();
			return matcher.group(1);
		}

	}

	/**
	 * What the table's requests point at, seeded once over the API as the admin; the
	 * {@code new...} methods make a fresh object for each state-changing call.
	 */
	final class Fixtures {

		String platformKey;

		/** The content hash of the version {@link #newProposal()} proposed last. */
		String lastProposalHash = "";

		String platformKeyId;

		String revokedKey;

		String sessionOfA;

		String appealOfA;

		/** An open live of shop-a, fed a signal by every allowed call. */
		String liveOfA;

		private final AtomicInteger signalSeq = new AtomicInteger();

		long runId;

		long importId;

		long rescoreId;

		String webhookId;

		private final AtomicInteger sequence = new AtomicInteger();

		private final Map<Caller, PageSession> pageSessions = new EnumMap<>(Caller.class);

		private String lastStoredSession;

		void seed() {
			createUser(SHOP_A, "SELLER", SHOP_A);
			createUser(SHOP_B, "SELLER", SHOP_B);
			createUser("analyst", "ANALYST", null);
			createUser("guesser", "ADMIN", null);
			createUser("retired", "ADMIN", null);
			asAdmin(HttpMethod.POST, "/api/v1/users/retired/disable", null, HttpStatus.OK);
			JsonNode platform = body(asAdmin(HttpMethod.POST, "/api/v1/api-keys",
					"{\"name\":\"Marketplace\",\"role\":\"PLATFORM\"}", HttpStatus.CREATED));
			this.platformKey = platform.get("key").asString();
			this.platformKeyId = platform.get("id").asString();
			JsonNode revoked = body(asAdmin(HttpMethod.POST, "/api/v1/api-keys",
					"{\"name\":\"Former partner\",\"role\":\"PLATFORM\"}", HttpStatus.CREATED));
			this.revokedKey = revoked.get("key").asString();
			asAdmin(HttpMethod.DELETE, "/api/v1/api-keys/" + revoked.get("id").asString(), null, HttpStatus.OK);

			this.webhookId = newWebhook();
			this.sessionOfA = newStoredSession();
			this.appealOfA = fileAppeal(this.sessionOfA, SHOP_A);
			this.liveOfA = newOpenLive();
			fileAppeal(storeSession(SHOP_B), SHOP_B);
			EntityExchangeResult<String> started = asAdmin(HttpMethod.POST, "/api/v1/penalty-runs",
					"{\"businessDate\":\"2026-11-22\",\"market\":\"VN\"}", HttpStatus.ACCEPTED);
			this.runId = body(started).get("runId").asLong();
			assertThat(awaitEnd("/api/v1/penalty-runs/" + this.runId)).isEqualTo("COMPLETED");
			this.importId = body(
					asAdmin(HttpMethod.POST, "/api/v1/imports", newSessionRecord() + "\n", HttpStatus.ACCEPTED))
				.get("importId")
				.asLong();
			assertThat(awaitImport(this.importId)).isEqualTo("COMPLETED");
			this.rescoreId = body(asAdmin(HttpMethod.POST, "/api/v1/rescores",
					"{\"from\":\"2026-11-01\",\"to\":\"2026-11-30\",\"market\":\"VN\"}", HttpStatus.ACCEPTED))
				.get("rescoreId")
				.asLong();
			assertThat(awaitEnd("/api/v1/rescores/" + this.rescoreId)).isEqualTo("COMPLETED");
		}

		/** A new import that failed (the database refused its session), to restart. */
		long newFailedImport() {
			String record = newSessionRecord();
			String sessionId = json.readTree(record).get("sessionId").asString();
			String constraint = "ac_import_" + this.sequence.incrementAndGet();
			JdbcClient jdbc = AccessControlIntegrationTests.this.jdbc;
			jdbc.sql("alter table live_session add constraint " + constraint + " check (session_id <> '" + sessionId
					+ "')")
				.update();
			try {
				long failed = body(asAdmin(HttpMethod.POST, "/api/v1/imports", record + "\n", HttpStatus.ACCEPTED))
					.get("importId")
					.asLong();
				assertThat(awaitImport(failed)).isEqualTo("FAILED");
				return failed;
			}
			finally {
				jdbc.sql("alter table live_session drop constraint " + constraint).update();
			}
		}

		private String awaitImport(long id) {
			return awaitEnd("/api/v1/imports/" + id);
		}

		/**
		 * The status of a background job once it is COMPLETED or FAILED, polled as the
		 * admin.
		 */
		private String awaitEnd(String path) {
			return await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> body(asAdmin(HttpMethod.GET, path, null, HttpStatus.OK)).get("status").asString(),
						(status) -> List.of("COMPLETED", "FAILED").contains(status));
		}

		/** A record of a new session of shop-a with a violation finding, not yet sent. */
		String newSessionRecord() {
			return sessionRecord(SHOP_A);
		}

		/** A go-live request of a new live of shop-a, not yet sent. */
		String newGoLive() {
			return GoLiveRequests.clean("ac-live-" + this.sequence.incrementAndGet(), SHOP_A);
		}

		/** A new live of shop-a, opened by the admin. */
		String newOpenLive() {
			return body(asAdmin(HttpMethod.POST, "/api/v1/lives", newGoLive(), HttpStatus.CREATED)).get("liveId")
				.asString();
		}

		/** A request with one new signal for {@link #liveOfA}. */
		String nextSignals() {
			int seq = this.signalSeq.incrementAndGet();
			return "{\"signals\":[{\"seq\":" + seq + ",\"at\":\"2026-11-22T12:" + String.format("%02d", seq % 60)
					+ ":00Z\",\"type\":\"DEAD_AIR\",\"durationSec\":5}]}";
		}

		/** A new session of shop-a, stored and scored. */
		String newStoredSession() {
			this.lastStoredSession = storeSession(SHOP_A);
			return this.lastStoredSession;
		}

		String lastStoredSession() {
			return this.lastStoredSession;
		}

		/** A new open appeal of shop-a. */
		String newAppeal() {
			return fileAppeal(storeSession(SHOP_A), SHOP_A);
		}

		String newUser() {
			return createUser(fresh("analyst"), "ANALYST", null);
		}

		String newDisabledUser() {
			String username = newUser();
			asAdmin(HttpMethod.POST, "/api/v1/users/" + username + "/disable", null, HttpStatus.OK);
			return username;
		}

		String newWebhook() {
			return body(asAdmin(HttpMethod.POST, "/api/v1/webhooks", NEW_WEBHOOK, HttpStatus.CREATED)).get("id")
				.asString();
		}

		/**
		 * An endpoint and a FAILED message of it, written as the dispatcher leaves one
		 * (it claims only PENDING messages, so none races this).
		 */
		Object[] newFailedDelivery() {
			String endpointId = newWebhook();
			String eventId = "evt_access_" + this.sequence.incrementAndGet();
			String messageId = "msg_access_" + this.sequence.incrementAndGet();
			java.time.OffsetDateTime at = NOW.atOffset(ZoneOffset.UTC);
			JdbcClient jdbc = AccessControlIntegrationTests.this.jdbc;
			jdbc.sql("insert into webhook_event (event_id, event_type, occurred_at, body) values (?, ?, ?, ?)")
				.params(eventId, "webhook.test", at,
						"{\"type\":\"webhook.test\",\"timestamp\":\"" + NOW + "\",\"data\":{}}")
				.update();
			jdbc.sql("""
					insert into webhook_message (message_id, endpoint_id, event_id, event_type, status, attempts,
					                             next_attempt_at, created_at)
					values (?, ?, ?, 'webhook.test', 'FAILED', 10, ?, ?)
					""").params(messageId, endpointId, eventId, at, at).update();
			return new Object[] { endpointId, messageId };
		}

		String newApiKey() {
			return body(asAdmin(HttpMethod.POST, "/api/v1/api-keys", "{\"name\":\"Partner\",\"role\":\"PLATFORM\"}",
					HttpStatus.CREATED))
				.get("id")
				.asString();
		}

		long appealsOf(String sessionId) {
			return AccessControlIntegrationTests.this.jdbc.sql("select count(*) from appeal where session_id = ?")
				.param(sessionId)
				.query(Long.class)
				.single();
		}

		/**
		 * The caller's session with the pages: logged in with the form for people, a
		 * session from the login page (with its CSRF token, as a browser has) for
		 * everyone else.
		 */
		PageSession pageSession(Caller caller) {
			return this.pageSessions.computeIfAbsent(caller, (key) -> {
				String username = key.pageUser();
				if (username == null) {
					return anonymousPageSession();
				}
				return logIn(username, (key == Caller.ADMIN) ? ADMIN_PASSWORD : PASSWORD);
			});
		}

		private PageSession anonymousPageSession() {
			EntityExchangeResult<String> form = AccessControlIntegrationTests.this.client.get()
				.uri("/login")
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.returnResult(String.class);
			assertThat(form.getStatus()).isEqualTo(HttpStatus.OK);
			return new PageSession(sessionCookie(form), PageSession.csrfToken(form.getResponseBody()));
		}

		/**
		 * Logs in with the form, as a browser does: the login page's token, then the new
		 * session the login starts (its id and token change at login), and a token of
		 * that session from the page the login lands on.
		 */
		private PageSession logIn(String username, String password) {
			PageSession before = anonymousPageSession();
			EntityExchangeResult<String> login = AccessControlIntegrationTests.this.client.post()
				.uri("/login")
				.cookie(PageSession.COOKIE, before.cookie())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body("username=" + encode(username) + "&password=" + encode(password) + "&_csrf="
						+ encode(before.csrfToken()))
				.exchange()
				.returnResult(String.class);
			assertThat(location(login)).as("login of " + username).isEqualTo("/");
			String cookie = sessionCookie(login);
			String uri = "/";
			for (int hops = 0; hops < 5; hops++) {
				EntityExchangeResult<String> page = AccessControlIntegrationTests.this.client.get()
					.uri(uri)
					.accept(MediaType.TEXT_HTML)
					.cookie(PageSession.COOKIE, cookie)
					.exchange()
					.returnResult(String.class);
				if (page.getStatus() == HttpStatus.OK) {
					return new PageSession(cookie, PageSession.csrfToken(page.getResponseBody()));
				}
				assertThat(page.getStatus().is3xxRedirection()).as(uri + " after the login of " + username).isTrue();
				uri = location(page);
			}
			throw new AssertionError("The login of " + username + " lands on no page");
		}

		private String sessionCookie(EntityExchangeResult<?> result) {
			return result.getResponseHeaders()
				.getOrEmpty(HttpHeaders.SET_COOKIE)
				.stream()
				.flatMap((header) -> java.net.HttpCookie.parse(header).stream())
				.filter((cookie) -> PageSession.COOKIE.equals(cookie.getName()))
				.map(java.net.HttpCookie::getValue)
				.findFirst()
				.orElseThrow(() -> new AssertionError("No session cookie in " + result.getResponseHeaders()));
		}

		private String sessionRecord(String sellerId) {
			ObjectNode record = (ObjectNode) json.readTree(example("health-claim-no-confirmation.json"));
			record.put("sessionId", "ac-" + sellerId + "-" + this.sequence.incrementAndGet());
			record.put("sellerId", sellerId);
			return json.writeValueAsString(record);
		}

		private String storeSession(String sellerId) {
			return body(asAdmin(HttpMethod.POST, "/api/v1/sessions", sessionRecord(sellerId), HttpStatus.CREATED))
				.get("sessionId")
				.asString();
		}

		private String fileAppeal(String sessionId, String seller) {
			EntityExchangeResult<String> filed = AccessControlIntegrationTests.this.client.post()
				.uri("/api/v1/appeals")
				.headers((headers) -> headers.setBasicAuth(seller, PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.body(appeal(sessionId))
				.exchange()
				.returnResult(String.class);
			assertThat(filed.getStatus()).as(filed.getResponseBody()).isEqualTo(HttpStatus.CREATED);
			return body(filed).get("appealId").asString();
		}

		private String createUser(String username, String role, @Nullable String sellerId) {
			Map<String, String> user = new HashMap<>(Map.of("username", username, "password", PASSWORD, "role", role));
			if (sellerId != null) {
				user.put("sellerId", sellerId);
			}
			asAdmin(HttpMethod.POST, "/api/v1/users", json.writeValueAsString(user), HttpStatus.CREATED);
			return username;
		}

		/** A draft body holding the files of the pack's active version. */
		String draftOfTheActiveVersion() {
			JsonNode packs = body(asAdmin(HttpMethod.GET, "/api/v1/rule-packs", null, HttpStatus.OK));
			int active = packs.get(0).get("activeVersion").asInt();
			JsonNode version = body(
					asAdmin(HttpMethod.GET, "/api/v1/rule-packs/default/versions/" + active, null, HttpStatus.OK));
			return json
				.writeValueAsString(Map.of("basedOn", active, "note", "unchanged copy", "files", version.get("files")));
		}

		/** A new draft of the default pack, written by the analyst. */
		int newDraft() {
			EntityExchangeResult<String> created = AccessControlIntegrationTests.this.client.post()
				.uri("/api/v1/rule-packs/default/versions")
				.headers((headers) -> headers.setBasicAuth("analyst", PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.body(draftOfTheActiveVersion())
				.exchange()
				.returnResult(String.class);
			assertThat(created.getStatus()).as(created.getResponseBody()).isEqualTo(HttpStatus.CREATED);
			return body(created).get("version").asInt();
		}

		/** A back-test of version 1 over the seeded days, started by the analyst. */
		long newBacktest() {
			EntityExchangeResult<String> started = AccessControlIntegrationTests.this.client.post()
				.uri("/api/v1/rule-packs/default/versions/1/backtest")
				.headers((headers) -> headers.setBasicAuth("analyst", PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.body("{\"from\":\"2026-11-01\",\"to\":\"2026-11-22\"}")
				.exchange()
				.returnResult(String.class);
			assertThat(started.getStatus()).as(started.getResponseBody()).isEqualTo(HttpStatus.ACCEPTED);
			return body(started).get("id").asLong();
		}

		/**
		 * A new draft of the default pack, written and proposed by the analyst; its hash
		 * is remembered.
		 */
		int newProposal() {
			int version = newDraft();
			EntityExchangeResult<String> proposed = AccessControlIntegrationTests.this.client.post()
				.uri("/api/v1/rule-packs/default/versions/" + version + "/propose")
				.headers((headers) -> headers.setBasicAuth("analyst", PASSWORD))
				.exchange()
				.returnResult(String.class);
			assertThat(proposed.getStatus()).as(proposed.getResponseBody()).isEqualTo(HttpStatus.OK);
			this.lastProposalHash = body(proposed).get("contentHash").asString();
			return version;
		}

		/** The content hash of the last proposal, as an admin reviewed it. */
		String lastProposalHash() {
			return this.lastProposalHash;
		}

		/** {@code {"contentHash": ...}} of the last proposal. */
		String approvalOfTheLastProposal() {
			return json.writeValueAsString(Map.of("contentHash", this.lastProposalHash));
		}

		/**
		 * A version that was active and is replaced now: publishes a new draft over the
		 * active one.
		 */
		int newRetiredVersion() {
			int active = body(asAdmin(HttpMethod.GET, "/api/v1/rule-packs", null, HttpStatus.OK)).get(0)
				.get("activeVersion")
				.asInt();
			asAdmin(HttpMethod.POST, "/api/v1/rule-packs/default/versions/" + newProposal() + "/publish",
					approvalOfTheLastProposal(), HttpStatus.OK);
			return active;
		}

		private EntityExchangeResult<String> asAdmin(HttpMethod method, String uri, @Nullable String body,
				HttpStatus expected) {
			RestTestClient.RequestBodySpec spec = AccessControlIntegrationTests.this.client.method(method)
				.uri(uri)
				.headers((headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD));
			EntityExchangeResult<String> result = ((body != null)
					? spec.contentType(MediaType.APPLICATION_JSON).body(body) : spec)
				.exchange()
				.returnResult(String.class);
			assertThat(result.getStatus()).as(method + " " + uri + ": " + result.getResponseBody()).isEqualTo(expected);
			return result;
		}

		private String example(String name) {
			try (InputStream in = AccessControlIntegrationTests.class.getResourceAsStream("/examples/" + name)) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
