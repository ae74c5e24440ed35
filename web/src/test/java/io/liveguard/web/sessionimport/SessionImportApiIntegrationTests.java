package io.liveguard.web.sessionimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bulk import API over real HTTP, on an in-memory database. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + SessionImportApiIntegrationTests.ADMIN_PASSWORD,
				"liveguard.import.directory=target/import-spool-tests", "liveguard.import.chunk-size=2" })
@AutoConfigureRestTestClient
class SessionImportApiIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-import-tests";

	private static final Path SPOOL = Path.of("target/import-spool-tests");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@BeforeEach
	void forgetSessionsAndSpoolFilesOfOtherTests() throws IOException {
		for (Path file : spoolFiles()) {
			Files.delete(file);
		}
		for (String table : List.of("listed_price", "finding", "score_card", "session_record", "live_session")) {
			this.jdbc.sql("delete from " + table + " where session_id like 'ex-%'").update();
		}
	}

	@Test
	void aGzipUploadIsImportedInTheBackgroundAndItsBadLinesAreListedWithTheirReasons() throws Exception {
		// when
		EntityExchangeResult<String> started = post("/api/v1/imports?name=mixed.ndjson.gz", gzip(mixed()));

		// then
		assertThat(started.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode body = json.readTree(started.getResponseBody());
		long importId = body.get("importId").asLong();
		assertThat(started.getResponseHeaders().getLocation()).hasPath("/api/v1/imports/" + importId);
		assertThat(body.get("fileName").asString()).isEqualTo("mixed.ndjson.gz");
		JsonNode status = awaitEnd(importId);
		assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(status.get("linesRead").asLong()).isEqualTo(11);
		assertThat(status.get("stored").asLong()).isEqualTo(4);
		assertThat(status.get("duplicates").asLong()).isEqualTo(1);
		assertThat(status.get("quarantined").asLong()).isEqualTo(4);
		assertThat(status.get("progress").asDouble()).isEqualTo(1.0);
		assertThat(status.get("requestedBy").asString()).isEqualTo("admin");

		JsonNode card = json.readTree(get("/api/v1/sessions/ex-fake-001/score").getResponseBody());
		assertThat(card.propertyNames()).containsExactly("sessionId", "sellerId", "market", "businessDate", "rulePack",
				"contentScore", "violationPoints", "findings", "scoredAt");
		assertThat(card.get("violationPoints").asInt()).isEqualTo(24);

		JsonNode page = json
			.readTree(get("/api/v1/imports/" + importId + "/quarantine?offset=1&limit=2").getResponseBody());
		assertThat(page.get("total").asLong()).isEqualTo(4);
		assertThat(page.get("lines").valueStream().map((line) -> line.get("item").asString()))
			.containsExactly("line 6 (session bad-1)", "line 9 (session ex-clean-001)");
		assertThat(page.get("lines").get(1).get("reason").asString()).contains("different content");
		assertThat(
				this.jdbc.sql("select count(*) from audit_event where type = 'IMPORT_STARTED' and principal = 'admin'")
					.query(Long.class)
					.single())
			.isPositive();
		assertThat(spoolFiles()).as("spool files of completed imports are deleted").isEmpty();
	}

	@Test
	void emptyAndNonNdjsonBodiesAreRefusedWithAProblem() throws Exception {
		for (byte[] body : List.of(new byte[0], "sessionId,sellerId\ns-1,shop-1\n".getBytes(),
				gzip("[1,2]\n".getBytes()))) {
			EntityExchangeResult<String> refused = post("/api/v1/imports", body);
			assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(json.readTree(refused.getResponseBody()).get("detail").asString()).contains("NDJSON");
		}
		EntityExchangeResult<String> form = this.client.post()
			.uri("/api/v1/imports")
			.headers(admin())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(mixed())
			.exchange()
			.returnResult(String.class);
		assertThat(form.getStatus()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(spoolFiles()).isEmpty();
	}

	@Test
	void unknownImportsAreNotFoundAndACompletedImportIsNotRestarted() throws Exception {
		long importId = json.readTree(post("/api/v1/imports", mixed()).getResponseBody()).get("importId").asLong();
		assertThat(awaitEnd(importId).get("status").asString()).isEqualTo("COMPLETED");

		EntityExchangeResult<String> again = post("/api/v1/imports/" + importId + "/restart", new byte[0]);
		assertThat(again.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(again.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(json.readTree(again.getResponseBody()).get("title").asString()).isEqualTo("Conflict");
		assertThat(json.readTree(again.getResponseBody()).get("detail").asString())
			.isEqualTo("import " + importId + " cannot be restarted: it is COMPLETED");
		for (String unknown : List.of("/api/v1/imports/987654", "/api/v1/imports/987654/quarantine")) {
			assertThat(get(unknown).getStatus()).as(unknown).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(json.readTree(get(unknown).getResponseBody()).get("detail").asString()).as(unknown)
				.isEqualTo("importId: no import 987654");
		}
		EntityExchangeResult<String> unknownRestart = post("/api/v1/imports/987654/restart", new byte[0]);
		assertThat(unknownRestart.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(json.readTree(unknownRestart.getResponseBody()).get("title").asString()).isEqualTo("Not Found");
		assertThat(json.readTree(unknownRestart.getResponseBody()).get("detail").asString())
			.isEqualTo("importId: no import 987654");
		EntityExchangeResult<String> badLimit = get("/api/v1/imports/" + importId + "/quarantine?limit=0");
		assertThat(badLimit.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(badLimit.getResponseBody()).get("detail").asString())
			.isEqualTo("limit: must be between 1 and 1000");
	}

	@Test
	void aFailedImportRestartsThroughTheApiAndStoresEachSessionOnce() throws Exception {
		// given: an import that fails on line 10, after the chunks up to line 7 (two
		// lines each) committed
		this.jdbc
			.sql("alter table live_session add constraint import_api_failure check (session_id <> 'ex-static-001')")
			.update();
		long importId;
		JsonNode failed;
		try {
			importId = json.readTree(post("/api/v1/imports", mixed()).getResponseBody()).get("importId").asLong();
			failed = awaitEnd(importId);
		}
		finally {
			this.jdbc.sql("alter table live_session drop constraint import_api_failure").update();
		}
		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		assertThat(failed.get("restartable").asBoolean()).isTrue();
		assertThat(failed.get("failure").asString()).containsIgnoringCase("import_api_failure");
		assertThat(failed.get("stored").asLong()).isEqualTo(3);
		assertThat(spoolFiles()).as("kept for the restart").hasSize(1);

		// when
		EntityExchangeResult<String> restarted = post("/api/v1/imports/" + importId + "/restart", new byte[0]);

		// then
		assertThat(restarted.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		JsonNode status = awaitEnd(importId);
		assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(status.get("stored").asLong()).isEqualTo(4);
		assertThat(status.get("quarantined").asLong()).isEqualTo(4);
		assertThat(this.jdbc.sql("select count(*) from live_session where session_id like 'ex-%'")
			.query(Long.class)
			.single()).isEqualTo(4);
		assertThat(json.readTree(get("/api/v1/imports/" + importId + "/quarantine").getResponseBody()).get("lines"))
			.hasSize(4);
		assertThat(spoolFiles()).isEmpty();
	}

	@Test
	void aLineWithTheIdOfALiveThatHasNotEndedIsRejectedAndTheOthersAreStored() throws Exception {
		// given: a live that is running (live.md: an id is unique across lives and
		// sessions)
		String liveId = "ex-live-running-" + System.nanoTime();
		EntityExchangeResult<String> opened = this.client.post()
			.uri("/api/v1/lives")
			.headers(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.body("""
					{"liveId":"%s","sellerId":"shop-honest","market":"VN","startedAt":"2026-11-20T12:00:00Z",
					 "host":{"hostId":"staff-01","identityVerified":true},
					 "products":[{"sku":"rice-st25","category":"GENERAL","declaredOrigin":"VN","verifiedOrigin":"VN",
					   "listPrice":250000,"livePrice":220000}]}
					""".formatted(liveId))
			.exchange()
			.returnResult(String.class);
		assertThat(opened.getStatus()).as(opened.getResponseBody()).isEqualTo(HttpStatus.CREATED);
		String clean = new String(mixed(), java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", "")
			.lines()
			.filter((line) -> line.contains("\"ex-clean-001\""))
			.findFirst()
			.orElseThrow();
		String lines = clean.replace("ex-clean-001", liveId) + "\n" + clean.replace("ex-clean-001", "ex-after-live")
				+ "\n";

		// when
		long importId = json.readTree(post("/api/v1/imports", lines.getBytes()).getResponseBody())
			.get("importId")
			.asLong();

		// then: the live's line is rejected with its reason, the other stored
		JsonNode status = awaitEnd(importId);
		assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(status.get("stored").asLong()).isEqualTo(1);
		assertThat(status.get("quarantined").asLong()).isEqualTo(1);
		JsonNode rejected = json.readTree(get("/api/v1/imports/" + importId + "/quarantine").getResponseBody())
			.get("lines")
			.get(0);
		assertThat(rejected.get("item").asString()).isEqualTo("line 1 (session " + liveId + ")");
		assertThat(rejected.get("reason").asString()).contains("live that is still OPEN",
				"/api/v1/lives/" + liveId + "/end");
		assertThat(get("/api/v1/sessions/ex-after-live/score").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(get("/api/v1/sessions/" + liveId + "/score").getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		// the single POST answers the same record 409, and the live runs on
		EntityExchangeResult<String> single = this.client.post()
			.uri("/api/v1/sessions")
			.headers(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.body(clean.replace("ex-clean-001", liveId))
			.exchange()
			.returnResult(String.class);
		assertThat(single.getStatus()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(json.readTree(get("/api/v1/lives/" + liveId).getResponseBody()).get("status").asString())
			.isEqualTo("OPEN");
	}

	private JsonNode awaitEnd(long importId) {
		return await().alias("import " + importId + " ends")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> json.readTree(get("/api/v1/imports/" + importId).getResponseBody()),
					(status) -> List.of("COMPLETED", "FAILED", "STOPPED").contains(status.get("status").asString()));
	}

	private EntityExchangeResult<String> post(String uri, byte[] body) {
		return this.client.post()
			.uri(uri)
			.headers(admin())
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(body)
			.exchange()
			.returnResult(String.class);
	}

	private EntityExchangeResult<String> get(String uri) {
		return this.client.get().uri(uri).headers(admin()).exchange().returnResult(String.class);
	}

	private static Consumer<HttpHeaders> admin() {
		return (headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD);
	}

	private static byte[] mixed() throws IOException {
		return new ClassPathResource("imports/mixed.ndjson").getContentAsByteArray();
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static List<Path> spoolFiles() throws IOException {
		if (!Files.isDirectory(SPOOL)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(SPOOL)) {
			return files.toList();
		}
	}

}
