package io.liveguard.web.webhook;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.web.ApplicationJar;
import io.liveguard.web.LiveGuardApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two LiveGuard processes on one PostgreSQL database share the sending of a burst of
 * 1,000 events (events.md: several nodes share the work without sending a message twice
 * at the same time): each message reaches the receiver once, both nodes send, and no
 * message is ever in flight from both. One node runs in the test's JVM, the other is the
 * application jar in a JVM of its own. Runs with {@code -Ppostgres}, in a database it
 * creates and drops.
 */
@EnabledIfSystemProperty(named = "liveguard.test.postgres", matches = "jdbc:postgresql:.*")
class WebhookPostgresIntegrationTests {

	private static final int EVENTS = 1000;

	private static final String PASSWORD = "webhook-postgres-admin";

	private final String server = System.getProperty("liveguard.test.postgres", "");

	private final String user = System.getProperty("liveguard.test.postgres.user", "postgres");

	private final String database = "liveguard_webhook_it_" + UUID.randomUUID().toString().replace("-", "");

	@BeforeEach
	void createDatabase() throws SQLException {
		execute("create database " + this.database);
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		execute("drop database if exists " + this.database + " with (force)");
	}

	@Test
	void twoProcessesDrainABurstWithoutSendingAnyMessageTwice(@TempDir Path directory) throws Exception {
		try (Receiver receiver = new Receiver(); ConfigurableApplicationContext first = node()) {
			int port = ApplicationJar.freePort();
			List<String> arguments = new ArrayList<>(List.of("--server.port=" + port,
					"--liveguard.webhooks.secret-key="
							+ first.getEnvironment().getRequiredProperty("liveguard.webhooks.secret-key"),
					// the receiver listens on http://127.0.0.1, as in the test
					// configuration
					"--liveguard.webhooks.allow-http=true", "--liveguard.webhooks.allow-private-destinations=true"));
			arguments.addAll(settings());
			try (ApplicationJar second = ApplicationJar.start(directory, "second-node.log", arguments)) {
				second.awaitHealthy(port);
				RestTestClient client = RestTestClient.bindToServer()
					.baseUrl("http://127.0.0.1:" + port)
					.defaultHeaders((headers) -> headers.setBasicAuth("admin", PASSWORD))
					.build();
				drain(receiver, first, client);
				second.stop();
			}
		}
	}

	private void drain(Receiver receiver, ConfigurableApplicationContext first, RestTestClient second) {
		// given: an endpoint whose receiver takes 20 ms a message
		WebhookEndpoints.Created endpoint = first.getBean(WebhookEndpoints.class)
			.create(new WebhookEndpoints.NewEndpoint(receiver.url("/burst"), List.of("*"), "burst"), "test");
		receiver.secrets("/burst", endpoint.secret());
		for (int i = 0; i < EVENTS; i++) {
			receiver.delayNext("/burst", 20);
		}

		// when: a burst of decisions on the first node, ten to a transaction
		WebhookOutbox outbox = first.getBean(WebhookOutbox.class);
		TransactionTemplate transactions = first.getBean(TransactionTemplate.class);
		for (int batch = 0; batch < EVENTS / 10; batch++) {
			int from = batch * 10;
			transactions.executeWithoutResult((status) -> {
				List<WebhookOutbox.Event> events = new ArrayList<>();
				for (int i = from; i < from + 10; i++) {
					events.add(new WebhookOutbox.Event("appeal.decided", Map.of("appealId", "burst-" + i)));
				}
				outbox.record(events);
			});
		}

		// then
		await().atMost(Duration.ofSeconds(120)).until(() -> receiver.accepted.size() == EVENTS);
		JdbcClient jdbc = first.getBean(JdbcClient.class);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> jdbc.sql("select count(*) from webhook_message where status = 'DELIVERED'")
				.query(Integer.class)
				.single() == EVENTS);
		assertThat(receiver.requests).hasSize(EVENTS);
		assertThat(receiver.duplicates.get()).isZero();
		assertThat(receiver.overlaps.get()).isZero();
		assertThat(receiver.badSignatures.get()).isZero();
		assertThat(jdbc.sql("select count(*) from webhook_attempt").query(Integer.class).single()).isEqualTo(EVENTS);
		double sentByFirst = first.getBean(MeterRegistry.class).get("liveguard.webhooks.sent").counter().count();
		double sentBySecond = JsonMapper.builder()
			.build()
			.readTree(second.get()
				.uri("/actuator/metrics/liveguard.webhooks.sent")
				.exchange()
				.returnResult(String.class)
				.getResponseBody())
			.get("measurements")
			.get(0)
			.get("value")
			.asDouble();
		assertThat(sentByFirst + sentBySecond).isEqualTo(EVENTS);
		assertThat(sentByFirst).as("sent by the first node").isPositive();
		assertThat(sentBySecond).as("sent by the second node").isPositive();
	}

	private ConfigurableApplicationContext node() {
		List<String> arguments = new ArrayList<>(settings());
		arguments.add("--server.port=0");
		return new SpringApplicationBuilder(LiveGuardApplication.class).run(arguments.toArray(String[]::new));
	}

	private List<String> settings() {
		return List.of("--spring.datasource.url=" + this.server + this.database,
				"--spring.datasource.username=" + this.user, "--spring.datasource.password=",
				"--liveguard.webhooks.poll=PT0.2S", "--liveguard.webhooks.batch-size=10",
				"--liveguard.webhooks.threads=4", "--liveguard.bootstrap.admin-password=" + PASSWORD);
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.server + "postgres", this.user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
