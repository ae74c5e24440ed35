package io.liveguard.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin does to users and API keys over the API, and what follows from it: hashed
 * passwords and keys, keys that stop working when rotated or revoked, disabled users and
 * locked-out guessers refused, and every change in the audit log.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + AccessAdministrationIntegrationTests.ADMIN_PASSWORD)
@AutoConfigureRestTestClient
class AccessAdministrationIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final String PASSWORD = "a-long-enough-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void aCreatedUserLogsInWithAPasswordStoredOnlyAsAnAdaptiveHash() {
		String username = fresh("seller");
		EntityExchangeResult<String> created = createUser(username, PASSWORD, "SELLER", "shop-new");
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		JsonNode user = body(created);
		assertThat(user.get("username").asString()).isEqualTo(username);
		assertThat(user.get("role").asString()).isEqualTo("SELLER");
		assertThat(user.get("sellerId").asString()).isEqualTo("shop-new");
		assertThat(created.getResponseBody()).doesNotContain(PASSWORD).doesNotContain("bcrypt").doesNotContain("hash");
		String hash = this.jdbc.sql("select password_hash from app_user where username = ?")
			.param(username)
			.query(String.class)
			.single();
		assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
		assertThat(get("/api/v1/appeals", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(body(get("/api/v1/users", admin()))).extracting((u) -> u.get("username").asString())
			.contains("admin", username);
	}

	@Test
	void invalidUsersAre400Or409AndNothingIsStored() {
		long before = users();
		assertProblem(createUser(fresh("weak"), "short-pw", "ANALYST", null), HttpStatus.BAD_REQUEST, "password");
		assertProblem(createUser(fresh("client"), PASSWORD, "PLATFORM", null), HttpStatus.BAD_REQUEST, "role");
		assertProblem(createUser(fresh("nobody"), PASSWORD, "ROOT", null), HttpStatus.BAD_REQUEST, "role");
		assertProblem(createUser(fresh("seller"), PASSWORD, "SELLER", null), HttpStatus.BAD_REQUEST, "sellerId");
		assertProblem(createUser(fresh("analyst"), PASSWORD, "ANALYST", "shop-x"), HttpStatus.BAD_REQUEST, "sellerId");
		assertProblem(createUser("no spaces allowed", PASSWORD, "ANALYST", null), HttpStatus.BAD_REQUEST, "username");
		assertProblem(createUser(fresh("long"), "x".repeat(73), "ANALYST", null), HttpStatus.BAD_REQUEST, "password");
		assertThat(users()).isEqualTo(before);
		assertProblem(createUser("admin", PASSWORD, "ANALYST", null), HttpStatus.CONFLICT, "username");
		assertThat(users()).isEqualTo(before);
	}

	@Test
	void aDisabledUserIsRefusedUntilEnabledAndAnAdminCannotDisableItself() {
		String username = fresh("analyst");
		createUser(username, PASSWORD, "ANALYST", null);
		assertThat(post("/api/v1/users/" + username + "/disable", "", admin()).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/appeals", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(post("/api/v1/users/" + username + "/enable", "", admin()).getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/appeals", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.OK);
		assertProblem(post("/api/v1/users/admin/disable", "", admin()), HttpStatus.CONFLICT, "itself");
		assertProblem(post("/api/v1/users/nobody-at-all/disable", "", admin()), HttpStatus.NOT_FOUND, "username");
	}

	@Test
	void aPasswordResetReplacesTheOldPassword() {
		String username = fresh("analyst");
		createUser(username, PASSWORD, "ANALYST", null);
		String next = "another-long-password";
		assertProblem(post("/api/v1/users/" + username + "/password", "{\"password\":\"short\"}", admin()),
				HttpStatus.BAD_REQUEST, "password");
		assertThat(
				post("/api/v1/users/" + username + "/password", "{\"password\":\"" + next + "\"}", admin()).getStatus())
			.isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/appeals", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/v1/appeals", basic(username, next)).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void fiveWrongPasswordsLockTheUserEvenAgainstTheRightOneUntilAnAdminEnablesIt() {
		String username = fresh("analyst");
		createUser(username, PASSWORD, "ANALYST", null);
		for (int i = 0; i < 4; i++) {
			assertThat(get("/api/v1/appeals", basic(username, "wrong-password-" + i)).getStatus())
				.isEqualTo(HttpStatus.UNAUTHORIZED);
		}
		// four failures: not locked yet, and a success starts the count again
		assertThat(get("/api/v1/appeals", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.OK);
		for (int i = 0; i < 5; i++) {
			get("/api/v1/appeals", basic(username, "wrong-password-" + i));
		}
		EntityExchangeResult<String> locked = get("/api/v1/appeals", basic(username, PASSWORD));
		assertThat(locked.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(auditTypes(username)).contains("ACCOUNT_LOCKED");
		// refused as locked, before the password is even checked
		assertThat(body(get("/api/v1/audit-events?type=AUTHENTICATION_FAILURE&principal=" + username, admin())).get(0)
			.get("data")
			.get("type")
			.asString()).isEqualTo("LockedException");
		JsonNode view = body(get("/api/v1/users/" + username, admin()));
		assertThat(view.get("lockedUntil").isNull()).isFalse();
		post("/api/v1/users/" + username + "/enable", "", admin());
		assertThat(get("/api/v1/appeals", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anApiKeyIsShownOnceStoredAsItsHashAndStopsWorkingWhenRotatedOrRevoked() throws Exception {
		EntityExchangeResult<String> created = post("/api/v1/api-keys", "{\"name\":\"Shop VN\",\"role\":\"PLATFORM\"}",
				admin());
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		String id = body(created).get("id").asString();
		String key = body(created).get("key").asString();
		assertThat(key).startsWith("lg_").hasSizeGreaterThan(40);
		assertThat(get("/api/v1/api-keys", admin()).getResponseBody()).contains(id).doesNotContain(key);
		assertThat(get("/api/v1/api-keys/" + id, admin()).getResponseBody()).doesNotContain(key);
		Map<String, Object> row = this.jdbc.sql("select * from api_key where id = ?").param(id).query().singleRow();
		assertThat(row.values()).noneMatch((value) -> key.equals(value));
		assertThat(row.get("KEY_HASH")).isEqualTo(sha256(key));

		assertThat(get("/api/v1/sellers/shop-x/live-eligibility", bearer(key)).getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<String> refused = get("/api/v1/users", bearer(key));
		assertThat(refused.getStatus()).isEqualTo(HttpStatus.FORBIDDEN);

		EntityExchangeResult<String> rotated = post("/api/v1/api-keys/" + id + "/rotate", "", admin());
		assertThat(rotated.getStatus()).isEqualTo(HttpStatus.OK);
		String next = body(rotated).get("key").asString();
		assertThat(next).isNotEqualTo(key);
		assertThat(get("/api/v1/sellers/shop-x/live-eligibility", bearer(key)).getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/v1/sellers/shop-x/live-eligibility", bearer(next)).getStatus()).isEqualTo(HttpStatus.OK);

		assertThat(this.client.delete()
			.uri("/api/v1/api-keys/" + id)
			.headers(admin())
			.exchange()
			.returnResult(String.class)
			.getStatus()).isEqualTo(HttpStatus.OK);
		EntityExchangeResult<String> revoked = get("/api/v1/sellers/shop-x/live-eligibility", bearer(next));
		assertThat(revoked.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(revoked.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertProblem(post("/api/v1/api-keys/" + id + "/rotate", "", admin()), HttpStatus.CONFLICT, "revoked");
		assertThat(get("/api/v1/sellers/shop-x/live-eligibility", bearer("lg_not-a-key")).getStatus())
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		assertThat(auditTypes("admin")).contains("API_KEY_CREATED", "API_KEY_ROTATED", "API_KEY_REVOKED");
		assertThat(auditTypes("api-key:" + id)).contains("AUTHORIZATION_FAILURE");
	}

	@Test
	void keysAreForPlatformClientsOnly() {
		long before = this.jdbc.sql("select count(*) from api_key").query(Long.class).single();
		assertProblem(post("/api/v1/api-keys", "{\"name\":\"x\",\"role\":\"ADMIN\"}", admin()), HttpStatus.BAD_REQUEST,
				"role");
		assertProblem(post("/api/v1/api-keys", "{\"role\":\"PLATFORM\"}", admin()), HttpStatus.BAD_REQUEST, "name");
		assertThat(this.jdbc.sql("select count(*) from api_key").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void theAuditLogRecordsUserChangesAndFailedLoginsAndOnlyAdminsReadIt() {
		String username = fresh("analyst");
		createUser(username, PASSWORD, "ANALYST", null);
		get("/api/v1/appeals", basic(username, "not-the-password"));
		JsonNode events = body(get("/api/v1/audit-events?type=USER_CREATED&principal=admin", admin()));
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.get("principal").asString()).isEqualTo("admin");
			assertThat(event.get("data").get("username").asString()).isEqualTo(username);
			assertThat(event.get("at").asString()).isNotBlank();
		});
		JsonNode failures = body(
				get("/api/v1/audit-events?type=AUTHENTICATION_FAILURE&principal=" + username, admin()));
		assertThat(failures).singleElement()
			.satisfies((event) -> assertThat(event.get("data").get("type").asString())
				.isEqualTo("BadCredentialsException"));
		assertThat(get("/api/v1/audit-events", basic(username, PASSWORD)).getStatus()).isEqualTo(HttpStatus.FORBIDDEN);
		// a successful API call is not an audit event: the log holds people's logins, not
		// traffic
		get("/api/v1/appeals", basic(username, PASSWORD));
		assertThat(auditTypes(username)).doesNotContain("AUTHENTICATION_SUCCESS");
	}

	private List<String> auditTypes(String principal) {
		return this.jdbc.sql("select type from audit_event where principal = ?")
			.param(principal)
			.query(String.class)
			.list();
	}

	private long users() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	private EntityExchangeResult<String> createUser(String username, String password, String role, String sellerId) {
		Map<String, String> user = new HashMap<>(Map.of("username", username, "password", password, "role", role));
		if (sellerId != null) {
			user.put("sellerId", sellerId);
		}
		return post("/api/v1/users", json.writeValueAsString(user), admin());
	}

	private static void assertProblem(EntityExchangeResult<String> result, HttpStatus status, String detail) {
		assertThat(result.getStatus()).isEqualTo(status);
		assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(body(result).get("detail").asString()).contains(detail);
	}

	private EntityExchangeResult<String> post(String uri, String body, Consumer<HttpHeaders> auth) {
		return this.client.post()
			.uri(uri)
			.headers(auth)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	private EntityExchangeResult<String> get(String uri, Consumer<HttpHeaders> auth) {
		return this.client.get().uri(uri).headers(auth).exchange().returnResult(String.class);
	}

	private static JsonNode body(EntityExchangeResult<String> result) {
		return json.readTree(result.getResponseBody());
	}

	private static Consumer<HttpHeaders> admin() {
		return basic("admin", ADMIN_PASSWORD);
	}

	private static Consumer<HttpHeaders> basic(String username, String password) {
		return (headers) -> headers.setBasicAuth(username, password);
	}

	private static Consumer<HttpHeaders> bearer(String key) {
		return (headers) -> headers.setBearerAuth(key);
	}

	private static String fresh(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String sha256(String value) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
	}

}
