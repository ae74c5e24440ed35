package io.liveguard.web.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import io.liveguard.batch.StoredSessions;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.engine.ScoringEngine;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * events.md end to end: endpoints registered through the API, decisions recorded in their
 * transaction, and the messages received by a real HTTP server on loopback that checks
 * every signature with its own implementation of Standard Webhooks and drops duplicate
 * ids. The dispatcher polls once a minute here, so anything that arrives sooner was sent
 * because its commit woke it; retries wait 300 ms instead of the specification's 5 s, 5
 * min...
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + WebhookDeliveryIntegrationTests.ADMIN_PASSWORD,
				"liveguard.webhooks.poll=PT1M", "liveguard.webhooks.retry-schedule=PT0.3S,PT0.3S",
				"liveguard.webhooks.timeout=PT2S", "liveguard.webhooks.connect-timeout=PT1S",
				"liveguard.webhooks.lease=PT30S", "liveguard.scoring-time-budget=PT60S",
				"liveguard.webhooks.bulk-rate=" + WebhookDeliveryIntegrationTests.BULK_RATE })
@AutoConfigureRestTestClient
class WebhookDeliveryIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-webhook-tests";

	/** A trickle while a bulk writer records (the default, 0, holds its messages). */
	static final int BULK_RATE = 50;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Receiver receiver;

	@Autowired
	private RestTestClient client;

	@Autowired
	private WebhookOutbox outbox;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private PenaltyRuns runs;

	@Autowired
	private ScoringEngine engine;

	@BeforeAll
	static void startReceiver() throws Exception {
		receiver = new Receiver();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void aCommittedDecisionArrivesSignedWithinASecondAndARolledBackOneNever() {
		// given
		Endpoint endpoint = register("/decisions", "appeal.decided");

		// when: one decision rolls back after recording its event, the next commits
		assertThatIllegalStateException().isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
			this.outbox.record("appeal.decided", Map.of("appealId", "rolled-back"));
			throw new IllegalStateException("the decision fails after its event was recorded");
		}));
		this.transactions
			.executeWithoutResult((status) -> this.outbox.record("appeal.decided", Map.of("appealId", "committed")));
		Instant committed = Instant.now();

		// then: within a second of the commit (the poll is a minute away)
		await().atMost(Duration.ofSeconds(1)).until(() -> !receiver.acceptedAt("/decisions").isEmpty());
		Receiver.Received received = receiver.acceptedAt("/decisions").get(0);
		assertThat(Duration.between(committed, received.receivedAt())).isLessThan(Duration.ofSeconds(1));
		assertThat(received.valid()).isTrue();
		assertThat(received.id()).startsWith("msg_");
		assertThat(received.contentType()).isEqualTo("application/json");
		assertThat(received.signature()).matches("v1,[A-Za-z0-9+/]{43}=");
		JsonNode body = json.readTree(received.body());
		assertThat(body.propertyNames()).containsExactly("type", "timestamp", "data");
		assertThat(body.get("type").asString()).isEqualTo("appeal.decided");
		assertThat(body.get("data").get("appealId").asString()).isEqualTo("committed");
		// and nothing of the rolled-back decision, ever: it left no message to send
		assertThat(this.jdbc.sql("select count(*) from webhook_message where endpoint_id = ?")
			.param(endpoint.id())
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(receiver.at("/decisions")).hasSize(1);
		assertThat(deliveries(endpoint.id())).singleElement().satisfies((delivery) -> {
			assertThat(delivery.get("status").asString()).isEqualTo("DELIVERED");
			assertThat(delivery.get("attempts")).singleElement()
				.satisfies((attempt) -> assertThat(attempt.get("httpStatus").asInt()).isEqualTo(204));
		});
	}

	@Test
	void aPenaltyRunsDecisionsArriveAsPenaltyDecided() {
		// given
		register("/penalties", "penalty.decided");
		new StoredSessions(this.jdbc, this.engine).storeExamples();

		// when
		PenaltyRuns.RunStatus run = this.runs.runAndWait(LocalDate.of(2026, 11, 22), "VN", "test");

		// then: shop-miracle's 30-day ban and shop-fake's permanent suspension
		assertThat(run.penaltiesDecided()).isEqualTo(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.acceptedAt("/penalties").size() == 2);
		assertThat(receiver.acceptedAt("/penalties")).extracting((received) -> {
			JsonNode data = json.readTree(received.body()).get("data");
			return data.get("sellerId").asString() + " " + data.get("market").asString() + " "
					+ data.get("level").asString();
		}).containsExactlyInAnyOrder("shop-miracle VN BAN_30D", "shop-fake VN PERMANENT");
		// the penalty as GET .../penalties shows it, plus sellerId and market
		JsonNode shown = json.readTree(get("/api/v1/sellers/shop-miracle/penalties").getResponseBody()).get(0);
		JsonNode sent = receiver.acceptedAt("/penalties")
			.stream()
			.map((received) -> json.readTree(received.body()).get("data"))
			.filter((data) -> data.get("sellerId").asString().equals("shop-miracle"))
			.findFirst()
			.orElseThrow();
		assertThat(json.createObjectNode()
			.setAll((tools.jackson.databind.node.ObjectNode) sent.deepCopy())
			.without(List.of("sellerId", "market"))).isEqualTo(shown);
	}

	@Test
	void whileABulkWriterRecordsItsTypesGoAtTheBulkRateAndOthersAtOnce() {
		// given: an endpoint for every type, and a bulk writer (a penalty run's
		// partition)
		// that recorded 300 penalty.decided
		register("/bulk", "*");
		int rate = BULK_RATE;
		Instant bulkStarted = Instant.now();
		try (WebhookOutbox.Bulk bulk = this.outbox.bulk()) {
			this.transactions.executeWithoutResult((status) -> this.outbox.record(IntStream.range(0, 300)
				.mapToObj((i) -> new WebhookOutbox.Event("penalty.decided", Map.of("penaltyId", "bulk-" + i)))
				.toList(), bulk));

			// when: another type is decided meanwhile
			this.transactions
				.executeWithoutResult((status) -> this.outbox.record("appeal.decided", Map.of("appealId", "beside")));

			// then: it arrives at once, ahead of the bulk writer's; those go at most the
			// rate a second (bulk-rate, fifty at a time)
			await().atMost(Duration.ofSeconds(5))
				.until(() -> receiver.acceptedAt("/bulk").stream().anyMatch((r) -> r.body().contains("beside")));
			double seconds = Duration.between(bulkStarted, Instant.now()).toMillis() / 1000.0;
			long bulkSent = bulkReceived();
			assertThat(bulkSent).isLessThanOrEqualTo((long) (rate * (seconds + 1)));
			assertThat(bulkSent).isLessThan(300);
			// and it keeps to the rate while the writer records
			await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
			seconds = Duration.between(bulkStarted, Instant.now()).toMillis() / 1000.0;
			assertThat(bulkReceived()).isLessThanOrEqualTo((long) (rate * (seconds + 1)))
				.isGreaterThan(0)
				.isLessThan(300);
		}

		// when the writer is done, the rest goes at full speed, each message once
		await().atMost(Duration.ofSeconds(10)).until(() -> bulkReceived() == 300);
		assertThat(receiver.acceptedAt("/bulk")).allMatch(Receiver.Received::valid);
		assertThat(this.jdbc.sql("select count(*) from webhook_fanout").query(Integer.class).single()).isZero();
	}

	private long bulkReceived() {
		return receiver.acceptedAt("/bulk").stream().filter((r) -> r.body().contains("penalty.decided")).count();
	}

	@Test
	void aLiveSendsItsRefusalItsActionsAndItsEnd() {
		// given
		register("/lives", "*");

		// when: one live refused (its host is not verified), one that gets a REMIND and
		// ends
		assertThat(post("/api/v1/lives", goLive("wh-live-refused", false)).getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("/api/v1/lives", goLive("wh-live-open", true)).getStatus()).isEqualTo(HttpStatus.CREATED);
		assertThat(post("/api/v1/lives/wh-live-open/signals", """
				{"signals":[{"seq":1,"at":"2026-12-03T12:05:12Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE",
				 "confidence":0.93}],"viewers":420}
				""").getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(post("/api/v1/lives/wh-live-open/end", """
				{"endedAt":"2026-12-03T13:00:00Z","stats":{"peakViewers":500,"avgViewers":300,"comments":200,
				 "commentsAnswered":120,"orders":30,"viewerReports":0}}
				""").getStatus()).isEqualTo(HttpStatus.OK);

		// then
		await().atMost(Duration.ofSeconds(5))
			.until(() -> receiver.acceptedAt("/lives").stream().anyMatch((r) -> r.body().contains("live.ended")));
		List<JsonNode> bodies = receiver.acceptedAt("/lives")
			.stream()
			.map((received) -> json.readTree(received.body()))
			.filter((body) -> body.get("type").asString().startsWith("live."))
			.toList();
		assertThat(bodies).extracting((body) -> body.get("type").asString())
			.containsExactly("live.refused", "live.action", "live.ended");
		JsonNode refused = bodies.get(0).get("data");
		assertThat(refused.get("liveId").asString()).isEqualTo("wh-live-refused");
		assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
		assertThat(refused.get("refusals")).isNotEmpty();
		JsonNode action = bodies.get(1).get("data");
		assertThat(action.get("actionId").asString()).isEqualTo("wh-live-open:1");
		assertThat(action.get("level").asString()).isEqualTo("REMIND");
		assertThat(action.get("sellerId").asString()).isEqualTo("wh-shop");
		JsonNode ended = bodies.get(2).get("data");
		assertThat(ended.get("liveId").asString()).isEqualTo("wh-live-open");
		assertThat(ended.get("sellerId").asString()).isEqualTo("wh-shop");
		assertThat(ended.get("endedBy").asString()).isEqualTo("PLATFORM");
		assertThat(ended.get("scoreCard").get("sessionId").asString()).isEqualTo("wh-live-open");
	}

	private static String goLive(String liveId, boolean verified) {
		return """
				{"liveId":"%s","sellerId":"wh-shop","market":"VN","startedAt":"2026-12-03T12:00:00Z",
				 "host":{"hostId":"kol-77","identityVerified":%s},
				 "products":[{"sku":"p-1","category":"GENERAL","declaredOrigin":"VN","verifiedOrigin":"VN",
				              "listPrice":450000,"livePrice":399000}]}
				""".formatted(liveId, verified);
	}

	@Test
	void aFailedAttemptIsRetriedWithTheSameId() {
		// given: the endpoint answers 500, then accepts
		Endpoint endpoint = register("/flaky", "webhook.test");
		receiver.answer("/flaky", 500);

		// when
		String messageId = test(endpoint.id());

		// then
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.acceptedAt("/flaky").size() == 1);
		List<Receiver.Received> attempts = receiver.at("/flaky");
		assertThat(attempts).extracting(Receiver.Received::status).containsExactly(500, 204);
		assertThat(attempts).extracting(Receiver.Received::id).containsOnly(messageId);
		assertThat(attempts).allMatch(Receiver.Received::valid);
		assertThat(deliveries(endpoint.id())).singleElement().satisfies((delivery) -> {
			assertThat(delivery.get("messageId").asString()).isEqualTo(messageId);
			assertThat(delivery.get("status").asString()).isEqualTo("DELIVERED");
			assertThat(delivery.get("attempts").get(0).get("error").asString()).isEqualTo("HTTP 500");
			assertThat(delivery.get("attempts").get(1).get("error").isNull()).isTrue();
			assertThat(delivery.get("attempts").get(1).get("httpStatus").asInt()).isEqualTo(204);
		});
		assertThat(this.meters.get("liveguard.webhooks.retries").counter().count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("liveguard.webhooks.sent").counter().count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.get("liveguard.webhooks.latency").timer().count()).isGreaterThanOrEqualTo(1);
		EntityExchangeResult<String> metric = get("/actuator/metrics/liveguard.webhooks.sent");
		assertThat(metric.getStatus()).isEqualTo(HttpStatus.OK);
		assertThat(json.readTree(metric.getResponseBody()).get("measurements").get(0).get("value").asDouble())
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void eachAttemptKeepsTheFirstKilobyteOfItsAnswer() {
		// given: a long error page first, then a short acknowledgement
		Endpoint endpoint = register("/talkative", "webhook.test");
		String page = "<h1>Down for maintenance</h1>" + "é".repeat(600);
		receiver.answer("/talkative", 503, page);
		receiver.answer("/talkative", 200, "{\"received\":true}");

		// when
		test(endpoint.id());

		// then: the first 1,024 bytes of the page (a two-byte character cut in half
		// becomes U+FFFD), and the acknowledgement whole
		await().atMost(Duration.ofSeconds(5))
			.until(() -> deliveries(endpoint.id()).get(0).get("status").asString().equals("DELIVERED"));
		JsonNode attempts = deliveries(endpoint.id()).get(0).get("attempts");
		String first = attempts.get(0).get("answer").asString();
		assertThat(first).startsWith("<h1>Down for maintenance</h1>éé");
		assertThat(first.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isBetween(1022, 1026);
		assertThat(page).startsWith(first.substring(0, first.length() - 1));
		assertThat(attempts.get(0).get("httpStatus").asInt()).isEqualTo(503);
		assertThat(attempts.get(1).get("answer").asString()).isEqualTo("{\"received\":true}");
		assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(200);
	}

	@Test
	void anAnswerTooLateIsAFailedAttemptAndTheReceiverDropsTheSecondDelivery() {
		// given: the receiver takes the message but answers after LiveGuard's 2 s
		Endpoint endpoint = register("/slow", "webhook.test");
		receiver.delayNext("/slow", 3000);
		int duplicates = receiver.duplicates.get();

		// when
		String messageId = test(endpoint.id());

		// then: sent again with the same id, and the receiver processed it once
		await().atMost(Duration.ofSeconds(10))
			.until(() -> deliveries(endpoint.id()).get(0).get("status").asString().equals("DELIVERED"));
		await().atMost(Duration.ofSeconds(5)).until(() -> receiver.at("/slow").size() == 2);
		assertThat(receiver.at("/slow")).extracting(Receiver.Received::id).containsOnly(messageId);
		assertThat(receiver.acceptedAt("/slow")).hasSize(1);
		assertThat(receiver.duplicates.get()).isEqualTo(duplicates + 1);
		assertThat(deliveries(endpoint.id()).get(0).get("attempts").get(0).get("error").asString())
			.startsWith("no answer within 2 s");
	}

	@Test
	void aMessageFailsAfterTheScheduleAndIsRetriedByHand() {
		// given: three failures (the first attempt and two retries)
		Endpoint endpoint = register("/down", "webhook.test");
		receiver.answer("/down", 503, 502, 500);
		String messageId = test(endpoint.id());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> deliveries(endpoint.id()).get(0).get("status").asString().equals("FAILED"));
		assertThat(receiver.at("/down")).hasSize(3);
		double failed = this.meters.get("liveguard.webhooks.failed").counter().count();
		assertThat(failed).isGreaterThanOrEqualTo(1);

		// when
		EntityExchangeResult<String> retried = post(
				"/api/v1/webhooks/" + endpoint.id() + "/deliveries/" + messageId + "/retry", null);

		// then
		assertThat(retried.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		await().atMost(Duration.ofSeconds(2)).until(() -> receiver.acceptedAt("/down").size() == 1);
		assertThat(receiver.acceptedAt("/down").get(0).id()).isEqualTo(messageId);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> deliveries(endpoint.id()).get(0).get("status").asString().equals("DELIVERED"));
		assertThat(deliveries(endpoint.id()).get(0).get("attempts")).hasSize(4);
		// a delivered message is not retried by hand
		assertThat(post("/api/v1/webhooks/" + endpoint.id() + "/deliveries/" + messageId + "/retry", null).getStatus())
			.isEqualTo(HttpStatus.CONFLICT);
		assertThat(post("/api/v1/webhooks/" + endpoint.id() + "/deliveries/msg_unknown/retry", null).getStatus())
			.isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void gone410DisablesTheEndpointAtOnce() {
		// given
		Endpoint endpoint = register("/gone", "*");
		receiver.answer("/gone", 410);

		// when
		test(endpoint.id());

		// then
		await().atMost(Duration.ofSeconds(5))
			.until(() -> endpoint(endpoint.id()).get("status").asString().equals("DISABLED"));
		assertThat(receiver.at("/gone")).hasSize(1);
		assertThat(endpoint(endpoint.id()).get("disabledReason").asString()).startsWith("410 Gone");
		assertThat(deliveries(endpoint.id()).get(0).get("status").asString()).isEqualTo("FAILED");
		// a DISABLED endpoint is sent nothing, its test included
		assertThat(post("/api/v1/webhooks/" + endpoint.id() + "/test", null).getStatus())
			.isEqualTo(HttpStatus.CONFLICT);
		this.transactions.executeWithoutResult((status) -> this.outbox.record("appeal.decided", Map.of()));
		assertThat(deliveries(endpoint.id())).hasSize(1);

		// when an admin enables it again
		EntityExchangeResult<String> enabled = put("/api/v1/webhooks/" + endpoint.id(), "{\"status\":\"ACTIVE\"}");

		// then
		assertThat(enabled.getStatus()).isEqualTo(HttpStatus.OK);
		test(endpoint.id());
		await().atMost(Duration.ofSeconds(2)).until(() -> receiver.acceptedAt("/gone").size() == 1);
		assertThat(this.jdbc.sql("select count(*) from audit_event where type = 'WEBHOOK_DISABLED'")
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void afterARotationBothSecretsSignFor24Hours() {
		// given
		Endpoint endpoint = register("/rotated", "webhook.test");

		// when
		EntityExchangeResult<String> rotated = post("/api/v1/webhooks/" + endpoint.id() + "/rotate-secret", null);

		// then
		assertThat(rotated.getStatus()).isEqualTo(HttpStatus.OK);
		JsonNode answer = json.readTree(rotated.getResponseBody());
		String newSecret = answer.get("secret").asString();
		assertThat(newSecret).isNotEqualTo(endpoint.secret()).startsWith("whsec_");
		assertThat(Duration.between(Instant.now(), Instant.parse(answer.get("previousSecretValidUntil").asString())))
			.isBetween(Duration.ofHours(23), Duration.ofHours(24));
		receiver.secrets("/rotated", newSecret);
		test(endpoint.id());
		await().atMost(Duration.ofSeconds(2)).until(() -> receiver.acceptedAt("/rotated").size() == 1);
		Receiver.Received received = receiver.acceptedAt("/rotated").get(0);
		assertThat(received.signature().split(" ")).hasSize(2);
		assertThat(Receiver.signedWith(received, newSecret)).isTrue();
		assertThat(Receiver.signedWith(received, endpoint.secret())).isTrue();
	}

	@Test
	void endpointsAreValidatedAndShownWithoutSecrets() {
		assertThat(create("{\"url\":\"/relative\",\"events\":[\"*\"]}").getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(create("{\"url\":\"ftp://example.com/x\",\"events\":[\"*\"]}").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(create("{\"url\":\"https://user:pw@example.com/x\",\"events\":[\"*\"]}").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(create("{\"url\":\"https://example.com/x\",\"events\":[\"penalty.deleted\"]}").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(create("{\"url\":\"https://example.com/x\",\"events\":[]}").getStatus())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(create("{\"url\":\"https://example.com/x\"}").getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);

		EntityExchangeResult<String> created = create(
				"{\"url\":\"https://example.com/hooks\",\"events\":[\"penalty.decided\",\"warning.issued\"],"
						+ "\"description\":\"the platform\"}");
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		JsonNode answer = json.readTree(created.getResponseBody());
		assertThat(answer.propertyNames()).containsExactly("id", "url", "events", "secret");
		assertThat(answer.get("secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");
		String id = answer.get("id").asString();
		assertThat(created.getResponseHeaders().getLocation()).hasPath("/api/v1/webhooks/" + id);
		String shown = get("/api/v1/webhooks/" + id).getResponseBody();
		assertThat(shown).doesNotContain(answer.get("secret").asString()).doesNotContain("secret\"");
		assertThat(json.readTree(shown).get("status").asString()).isEqualTo("ACTIVE");
		// stored encrypted, not in plain text
		assertThat(this.jdbc.sql("select secret from webhook_endpoint where endpoint_id = ?")
			.param(id)
			.query(String.class)
			.single()).doesNotContain(answer.get("secret").asString().substring(6));
		assertThat(get("/api/v1/webhooks").getResponseBody()).contains(id);
		assertThat(this.client.delete()
			.uri("/api/v1/webhooks/" + id)
			.headers(admin())
			.exchange()
			.returnResult(String.class)
			.getStatus()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(get("/api/v1/webhooks/" + id).getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(
				this.jdbc.sql("select count(*) from audit_event where type in ('WEBHOOK_CREATED', 'WEBHOOK_DELETED')")
					.query(Integer.class)
					.single())
			.isGreaterThanOrEqualTo(2);
	}

	private Endpoint register(String path, String event) {
		EntityExchangeResult<String> created = create(
				"{\"url\":\"" + receiver.url(path) + "\",\"events\":[\"" + event + "\"],\"description\":\"test\"}");
		assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
		JsonNode answer = json.readTree(created.getResponseBody());
		Endpoint endpoint = new Endpoint(answer.get("id").asString(), answer.get("secret").asString());
		receiver.secrets(path, endpoint.secret());
		return endpoint;
	}

	private String test(String endpointId) {
		EntityExchangeResult<String> sent = post("/api/v1/webhooks/" + endpointId + "/test", null);
		assertThat(sent.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
		return json.readTree(sent.getResponseBody()).get("messageId").asString();
	}

	private JsonNode endpoint(String id) {
		return json.readTree(get("/api/v1/webhooks/" + id).getResponseBody());
	}

	private List<JsonNode> deliveries(String endpointId) {
		EntityExchangeResult<String> answer = get("/api/v1/webhooks/" + endpointId + "/deliveries");
		assertThat(answer.getStatus()).isEqualTo(HttpStatus.OK);
		return json.readTree(answer.getResponseBody()).valueStream().toList();
	}

	private EntityExchangeResult<String> create(String body) {
		return post("/api/v1/webhooks", body);
	}

	private EntityExchangeResult<String> post(String uri, String body) {
		RestTestClient.RequestBodySpec request = this.client.post().uri(uri).headers(admin());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange().returnResult(String.class);
	}

	private EntityExchangeResult<String> put(String uri, String body) {
		return this.client.put()
			.uri(uri)
			.headers(admin())
			.contentType(MediaType.APPLICATION_JSON)
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

	private record Endpoint(String id, String secret) {
	}

}
