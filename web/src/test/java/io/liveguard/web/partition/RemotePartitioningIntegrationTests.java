package io.liveguard.web.partition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.liveguard.batch.Decisions;
import io.liveguard.batch.SyntheticSellers;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.ApplicationJar;
import io.liveguard.web.LiveGuardApplication;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote partitioning for real: this JVM is the manager, two worker JVMs run the
 * application jar, all three share a PostgreSQL database and a RabbitMQ queue. One worker
 * is killed while a partition it runs is half done; the run fails once that partition
 * stops moving, and its restart runs the lost partition on the surviving worker. The
 * decisions then equal those of an uninterrupted local run over the same sellers in a
 * second database: no decision lost, none taken twice. Runs with
 * {@code -Ppostgres,rabbitmq}.
 */
@EnabledIfSystemProperty(named = "liveguard.test.rabbitmq", matches = ".+:\\d+")
@EnabledIfSystemProperty(named = "liveguard.test.postgres", matches = "jdbc:postgresql:.*")
class RemotePartitioningIntegrationTests {

	private static final int SELLERS = 3000;

	private static final LocalDate FROM = LocalDate.of(2026, 10, 1);

	private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	private static final String ANNOUNCED = "Running partition step execution ";

	private static final String PASSWORD = "remote-partitioning-admin-password";

	private final String server = System.getProperty("liveguard.test.postgres", "");

	private final String user = System.getProperty("liveguard.test.postgres.user", "postgres");

	private final String rabbit = System.getProperty("liveguard.test.rabbitmq", "127.0.0.1:5672");

	private final String suffix = UUID.randomUUID().toString().replace("-", "");

	private final String remoteDb = "liveguard_remote_" + this.suffix;

	private final String localDb = "liveguard_local_" + this.suffix;

	private final String queue = "liveguard.partitions.it-" + this.suffix;

	private final List<ApplicationJar> workers = new ArrayList<>();

	@BeforeEach
	void createDatabases() throws SQLException {
		execute("create database " + this.remoteDb);
		execute("create database " + this.localDb);
	}

	@AfterEach
	void stopWorkersAndDropDatabases() throws Exception {
		this.workers.forEach(ApplicationJar::kill);
		execute("drop database if exists " + this.remoteDb + " with (force)");
		execute("drop database if exists " + this.localDb + " with (force)");
	}

	@Test
	void aWorkerKilledMidPartitionHasItsPartitionRunAgainByTheRestartWithNoDecisionLostOrTwice(
			@org.junit.jupiter.api.io.TempDir Path logs) throws Exception {
		List<String> remoteDecisions;
		List<String> remoteStates;
		List<String> remoteWarnings;
		PenaltyRuns.RunStatus failed;
		PenaltyRuns.RunStatus restarted;
		String killedPartition;
		Long rerunId;
		Path survivorLog = logs.resolve("worker-2.log");
		try (ConfigurableApplicationContext manager = application(this.remoteDb, "MANAGER")) {
			// given: sellers in the shared database, and two workers listening on the
			// queue
			JdbcTemplate jdbc = new JdbcTemplate(manager.getBean(DataSource.class));
			SyntheticSellers.write(jdbc, SELLERS, FROM, RUN_DATE, 42);
			Path victimLog = logs.resolve("worker-1.log");
			ApplicationJar victim = startWorker(victimLog);
			startWorker(survivorLog);
			AmqpAdmin rabbitAdmin = manager.getBean(AmqpAdmin.class);
			await(Duration.ofMinutes(3), () -> consumers(rabbitAdmin) == 2, "both workers listening", logs);

			// when: a run starts and the first worker is killed once a partition it runs
			// has committed a chunk
			PenaltyRuns runs = manager.getBean(PenaltyRuns.class);
			long runId = runs.start(RUN_DATE, "VN", "test");
			String[] running = new String[1];
			await(Duration.ofMinutes(2), () -> {
				running[0] = halfDonePartition(jdbc, victimLog);
				return running[0] != null;
			}, "a partition half done on worker 1", logs);
			victim.kill();
			killedPartition = running[0];

			// then: the run fails once the lost partition goes stale, naming it
			await(Duration.ofMinutes(2), () -> runs.status(runId).orElseThrow().status().equals("FAILED"),
					"the run to fail", logs);
			failed = runs.status(runId).orElseThrow();

			// when: it is restarted, with only the surviving worker
			restarted = runs.restart(runId);
			rerunId = jdbc.queryForObject(
					"select max(step_execution_id) from batch_step_execution where step_name = ? and status = 'COMPLETED'",
					Long.class, killedPartition);
			remoteDecisions = jdbc.queryForList(Decisions.PENALTIES, String.class);
			remoteStates = jdbc.queryForList(Decisions.STATES, String.class);
			remoteWarnings = jdbc.queryForList(Decisions.WARNINGS, String.class);
			rabbitAdmin.deleteQueue(this.queue);
		}
		PenaltyRuns.RunStatus uninterrupted;
		List<String> localDecisions;
		try (ConfigurableApplicationContext local = application(this.localDb, "LOCAL")) {
			JdbcTemplate jdbc = new JdbcTemplate(local.getBean(DataSource.class));
			SyntheticSellers.write(jdbc, SELLERS, FROM, RUN_DATE, 42);
			uninterrupted = local.getBean(PenaltyRuns.class).runAndWait(RUN_DATE, "VN", "test");
			localDecisions = jdbc.queryForList(Decisions.PENALTIES, String.class);
			assertThat(remoteStates).containsExactlyElementsOf(jdbc.queryForList(Decisions.STATES, String.class));
			assertThat(remoteWarnings).containsExactlyElementsOf(jdbc.queryForList(Decisions.WARNINGS, String.class));
		}

		// then
		assertThat(failed.failure()).contains(killedPartition).contains("worker was lost");
		assertThat(failed.sellersRead()).isBetween(1L, (long) SELLERS - 1);
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(Files.readString(survivorLog)).contains("Running partition step execution " + rerunId + " ");
		assertThat(uninterrupted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.sellersTotal()).isEqualTo(uninterrupted.sellersTotal()).isEqualTo(SELLERS);
		assertThat(restarted.sellersRead()).isEqualTo(SELLERS);
		assertThat(restarted.penaltiesDecided()).isEqualTo(uninterrupted.penaltiesDecided());
		assertThat(restarted.warnings()).isEqualTo(uninterrupted.warnings());
		assertThat(localDecisions).hasSizeGreaterThan(100);
		assertThat(remoteDecisions).containsExactlyElementsOf(localDecisions);
		assertThat(remoteStates).hasSize(SELLERS);
	}

	private ConfigurableApplicationContext application(String database, String mode) {
		List<String> args = new ArrayList<>(commonArguments(database));
		args.add("--liveguard.partitioning.mode=" + mode);
		return new SpringApplicationBuilder(LiveGuardApplication.class).run(args.toArray(String[]::new));
	}

	private List<String> commonArguments(String database) {
		String[] hostPort = this.rabbit.split(":");
		return List.of("--spring.datasource.url=" + this.server + database, "--spring.datasource.username=" + this.user,
				"--spring.datasource.password=", "--server.port=0", "--liveguard.bootstrap.admin-password=" + PASSWORD,
				"--spring.rabbitmq.host=" + hostPort[0], "--spring.rabbitmq.port=" + hostPort[1],
				"--liveguard.partitioning.queue=" + this.queue, "--liveguard.partitioning.partitions=6",
				"--liveguard.partitioning.poll-interval=PT0.2S", "--liveguard.partitioning.stale-after=PT5S",
				// small chunks, so a partition takes long enough to be caught half done
				"--liveguard.penalty-run.chunk-size=5");
	}

	private ApplicationJar startWorker(Path log) {
		List<String> arguments = new ArrayList<>(commonArguments(this.remoteDb));
		arguments.add("--liveguard.partitioning.mode=WORKER");
		ApplicationJar worker = ApplicationJar.start(log.getParent(), log.getFileName().toString(), arguments);
		this.workers.add(worker);
		return worker;
	}

	private int consumers(AmqpAdmin admin) {
		QueueInformation info = admin.getQueueInfo(this.queue);
		return (info == null) ? 0 : info.getConsumerCount();
	}

	/**
	 * A partition worker 1 announced, whose step execution is still running and has
	 * committed a chunk; null if there is none yet.
	 */
	private static String halfDonePartition(JdbcTemplate jdbc, Path victimLog) {
		List<String> announced;
		try {
			announced = Files.readAllLines(victimLog, StandardCharsets.UTF_8)
				.stream()
				.filter((line) -> line.contains(ANNOUNCED))
				.map((line) -> line.substring(line.indexOf(ANNOUNCED) + ANNOUNCED.length()).split(" ")[0])
				.toList();
		}
		catch (IOException ex) {
			return null;
		}
		for (String id : announced) {
			List<String> moving = jdbc.queryForList("""
					select step_name from batch_step_execution
					where step_execution_id = ? and status = 'STARTED' and commit_count >= 1
					""", String.class, Long.parseLong(id));
			if (!moving.isEmpty()) {
				return moving.get(0);
			}
		}
		return null;
	}

	private static void await(Duration timeout, BooleanSupplier condition, String what, Path logs) throws Exception {
		try {
			Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
		}
		catch (ConditionTimeoutException ex) {
			StringBuilder tails = new StringBuilder();
			try (var files = Files.list(logs)) {
				for (Path log : files.toList()) {
					List<String> lines = Files.readAllLines(log);
					tails.append("\n--- ")
						.append(log.getFileName())
						.append('\n')
						.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
				}
			}
			throw new AssertionError("Timed out waiting for " + what + tails, ex);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.server + "postgres", this.user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
