package io.liveguard.web.webhook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.liveguard.web.ApplicationJar;
import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application is killed ({@code kill -9}) after a decision committed and while its
 * message is on its way; after the restart the message is delivered, and the receiver
 * processes it once. The killed node is the application jar in a JVM of its own; the
 * restarted one opens the same database file.
 */
class WebhookRestartIntegrationTests {

	private static final String PASSWORD = "webhook-restart-admin-password";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void aMessageInFlightWhenTheNodeIsKilledIsDeliveredOnceAfterTheRestart(@TempDir Path directory) throws Exception {
		String url = "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		List<String> settings = List.of("--spring.datasource.url=" + url,
				"--liveguard.bootstrap.admin-password=" + PASSWORD, "--liveguard.webhooks.secret-key=" + key,
				"--liveguard.webhooks.lease=PT6S", "--liveguard.webhooks.timeout=PT4S",
				"--liveguard.webhooks.connect-timeout=PT1S", "--liveguard.webhooks.poll=PT1S",
				// the receiver listens on http://127.0.0.1, as in the test configuration
				"--liveguard.webhooks.allow-http=true", "--liveguard.webhooks.allow-private-destinations=true");
		try (Receiver receiver = new Receiver()) {
			// given: a node whose attempt the receiver holds for a long minute
			receiver.delayNext("/crash", 60_000);
			int port = ApplicationJar.freePort();
			List<String> arguments = new ArrayList<>(settings);
			arguments.add("--server.port=" + port);
			String messageId;
			// closing the node kills it: kill -9, while the message is in flight
			try (ApplicationJar node = ApplicationJar.start(directory, "killed-node.log", arguments)) {
				node.awaitHealthy(port);
				RestTestClient client = client(port);
				EntityExchangeResult<String> created = client.post()
					.uri("/api/v1/webhooks")
					.contentType(MediaType.APPLICATION_JSON)
					.body("{\"url\":\"" + receiver.url("/crash") + "\",\"events\":[\"webhook.test\"]}")
					.exchange()
					.returnResult(String.class);
				assertThat(created.getStatus()).isEqualTo(HttpStatus.CREATED);
				JsonNode endpoint = json.readTree(created.getResponseBody());
				receiver.secrets("/crash", endpoint.get("secret").asString());

				// when: the decision commits, its message is in flight, and the node is
				// killed
				EntityExchangeResult<String> test = client.post()
					.uri("/api/v1/webhooks/" + endpoint.get("id").asString() + "/test")
					.exchange()
					.returnResult(String.class);
				assertThat(test.getStatus()).isEqualTo(HttpStatus.ACCEPTED);
				messageId = json.readTree(test.getResponseBody()).get("messageId").asString();
				await().atMost(Duration.ofSeconds(10)).until(() -> receiver.arrived.get() == 1);
			}
			ApplicationJar.awaitLockReleased(directory.resolve("db"));

			// then: the restarted node sends it again once the killed node's lease ran
			// out, and the receiver processes it once
			List<String> restart = new ArrayList<>(settings);
			restart.add("--server.port=0");
			try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(LiveGuardApplication.class)
				.run(restart.toArray(String[]::new))) {
				await().atMost(Duration.ofSeconds(90)).until(() -> receiver.acceptedAt("/crash").size() == 1);
				assertThat(receiver.acceptedAt("/crash").get(0).id()).isEqualTo(messageId);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> restarted.getBean(JdbcClient.class)
						.sql("select status from webhook_message where message_id = ?")
						.param(messageId)
						.query(String.class)
						.single()
						.equals("DELIVERED"));
				assertThat(receiver.badSignatures.get()).isZero();
			}
			assertThat(receiver.acceptedAt("/crash")).hasSize(1);
		}
	}

	private static RestTestClient client(int port) {
		return RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + port)
			.defaultHeaders((headers) -> headers.setBasicAuth("admin", PASSWORD))
			.build();
	}

}
