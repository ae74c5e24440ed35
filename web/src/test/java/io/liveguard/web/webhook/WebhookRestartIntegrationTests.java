package io.liveguard.web.webhook;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
		Path jar = Path.of(System.getProperty("liveguard.test.jar", "target/liveguard.jar")).toAbsolutePath();
		assertThat(jar).as("the application jar, built by package before Failsafe runs").isRegularFile();
		String url = "jdbc:h2:file:" + directory.resolve("db").toAbsolutePath() + ";WRITE_DELAY=0";
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		List<String> settings = List.of("--spring.datasource.url=" + url,
				"--liveguard.bootstrap.admin-password=" + PASSWORD, "--liveguard.webhooks.secret-key=" + key,
				"--liveguard.webhooks.lease=PT20S", "--liveguard.webhooks.timeout=PT10S",
				"--liveguard.webhooks.connect-timeout=PT2S", "--liveguard.webhooks.poll=PT1S",
				// the receiver listens on http://127.0.0.1, as in the test configuration
				"--liveguard.webhooks.allow-http=true", "--liveguard.webhooks.allow-private-destinations=true");
		try (Receiver receiver = new Receiver()) {
			// given: a node whose attempt the receiver holds for a long minute
			receiver.delayNext("/crash", 60_000);
			int port = freePort();
			Path log = directory.resolve("killed-node.log");
			List<String> command = new java.util.ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
							"-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port));
			command.addAll(settings);
			Process node = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			String messageId;
			try {
				RestTestClient client = client(port);
				await("the node's start (" + log + ")").atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofMillis(500))
					.ignoreExceptions()
					.until(() -> client.get()
						.uri("/actuator/health")
						.exchange()
						.returnResult(String.class)
						.getStatus() == HttpStatus.OK);
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
			finally {
				node.destroyForcibly();
			}
			assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
			awaitLockReleased(directory.resolve("db"));

			// then: the restarted node sends it again once the killed node's lease ran
			// out, and the receiver processes it once
			try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(LiveGuardApplication.class)
				.run(java.util.stream.Stream.concat(settings.stream(), java.util.stream.Stream.of("--server.port=0"))
					.toArray(String[]::new))) {
				await().atMost(Duration.ofSeconds(90)).until(() -> receiver.acceptedAt("/crash").size() == 1);
				assertThat(receiver.acceptedAt("/crash").get(0).id()).isEqualTo(messageId);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> restarted.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
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

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void awaitLockReleased(Path database) {
		Path lock = Path.of(database + ".lock.db");
		await("the lock file of " + database + " gone or older than 5 s").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !Files.exists(lock)
					|| System.currentTimeMillis() - Files.getLastModifiedTime(lock).toMillis() > 5000);
	}

}
