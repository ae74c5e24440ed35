package io.liveguard.web.webhook;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
import static org.awaitility.Awaitility.await;

/**
 * The production defaults (the other tests allow http and private addresses, for their
 * receivers on loopback): an endpoint must be https and resolve to public addresses only,
 * at registration (400 naming the url) and before every attempt (a refused attempt is a
 * failed one, and nothing is sent).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + WebhookDestinationsIntegrationTests.ADMIN_PASSWORD,
				"liveguard.webhooks.allow-http=false", "liveguard.webhooks.allow-private-destinations=false" })
@AutoConfigureRestTestClient
class WebhookDestinationsIntegrationTests {

	static final String ADMIN_PASSWORD = "admin-password-for-destination-tests";

	/** A public address (example.com's), written as a literal: no DNS needed. */
	private static final String PUBLIC = "https://93.184.215.14/hooks";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private RestTestClient client;

	@Autowired
	private JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "https://127.0.0.1/hooks", "https://127.0.0.1:8443/hooks", "https://10.1.2.3/hooks",
			"https://172.20.0.9/hooks", "https://192.168.0.10/hooks", "https://169.254.169.254/latest/meta-data/",
			"https://[::1]/hooks", "https://[fd00::7]/hooks", "https://[::ffff:169.254.169.254]/hooks",
			"https://0.0.0.0/hooks", "https://224.0.0.1/hooks", "https://localhost/hooks",
			"https://localhost:9443/hooks" })
	void anEndpointOnAPrivateAddressIsRefused(String url) {
		// when
		EntityExchangeResult<String> created = post("/api/v1/webhooks", "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");

		// then
		assertThat(created.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		String detail = json.readTree(created.getResponseBody()).get("detail").asString();
		assertThat(detail).startsWith("url: host ")
			.containsAnyOf("loopback", "private", "link-local", "unspecified", "multicast")
			.contains("liveguard.webhooks.allow-private-destinations is false");
		assertThat(count(url)).isZero();
	}

	@Test
	void plainHttpIsRefusedAndAPublicHttpsUrlAccepted() {
		EntityExchangeResult<String> http = post("/api/v1/webhooks",
				"{\"url\":\"http://93.184.215.14/hooks\",\"events\":[\"*\"]}");
		assertThat(http.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(http.getResponseBody()).get("detail").asString())
			.isEqualTo("url: must be https (http is allowed only with liveguard.webhooks.allow-http=true)");

		EntityExchangeResult<String> https = post("/api/v1/webhooks",
				"{\"url\":\"" + PUBLIC + "\",\"events\":[\"webhook.test\"]}");
		assertThat(https.getStatus()).isEqualTo(HttpStatus.CREATED);

		// and a change to a private address is refused like a registration
		String id = json.readTree(https.getResponseBody()).get("id").asString();
		EntityExchangeResult<String> changed = this.client.put()
			.uri("/api/v1/webhooks/" + id)
			.headers(admin())
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"url\":\"https://169.254.169.254/latest/meta-data/\"}")
			.exchange()
			.returnResult(String.class);
		assertThat(changed.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(json.readTree(changed.getResponseBody()).get("detail").asString())
			.startsWith("url: host 169.254.169.254 resolves to 169.254.169.254, a link-local address");
	}

	@Test
	void anAttemptToAnAddressThatBecamePrivateIsRefusedAndCountsAsFailed() throws Exception {
		try (Receiver receiver = new Receiver()) {
			// given: an endpoint registered on a public address whose name now resolves
			// to loopback (here: its url changed behind the API's back)
			EntityExchangeResult<String> created = post("/api/v1/webhooks",
					"{\"url\":\"" + PUBLIC + "\",\"events\":[\"webhook.test\"]}");
			String id = json.readTree(created.getResponseBody()).get("id").asString();
			String loopback = receiver.url("/rebound").replace("http://127.0.0.1", "https://localhost");
			this.jdbc.sql("update webhook_endpoint set url = ? where endpoint_id = ?").params(loopback, id).update();

			// when
			assertThat(post("/api/v1/webhooks/" + id + "/test", null).getStatus()).isEqualTo(HttpStatus.ACCEPTED);

			// then: a failed attempt saying why, due again on the schedule, and nothing
			// sent
			await().atMost(Duration.ofSeconds(5)).until(() -> !attempts(id).isEmpty());
			JsonNode attempt = attempts(id).get(0);
			assertThat(attempt.get("httpStatus").isNull()).isTrue();
			assertThat(attempt.get("error").asString()).startsWith("not sent: url host localhost resolves to ")
				.contains("a loopback address");
			JsonNode delivery = deliveries(id).get(0);
			assertThat(delivery.get("status").asString()).isEqualTo("PENDING");
			assertThat(delivery.get("nextAttemptAt").isNull()).isFalse();
			assertThat(receiver.arrived.get()).isZero();
		}
	}

	private List<JsonNode> attempts(String id) {
		return deliveries(id).get(0).get("attempts").valueStream().toList();
	}

	private List<JsonNode> deliveries(String id) {
		return json.readTree(get("/api/v1/webhooks/" + id + "/deliveries").getResponseBody()).valueStream().toList();
	}

	private int count(String url) {
		return this.jdbc.sql("select count(*) from webhook_endpoint where url = ?")
			.param(url)
			.query(Integer.class)
			.single();
	}

	private EntityExchangeResult<String> post(String uri, String body) {
		RestTestClient.RequestBodySpec request = this.client.post().uri(uri).headers(admin());
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.exchange().returnResult(String.class);
	}

	private EntityExchangeResult<String> get(String uri) {
		return this.client.get().uri(uri).headers(admin()).exchange().returnResult(String.class);
	}

	private static Consumer<HttpHeaders> admin() {
		return (headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD);
	}

}
