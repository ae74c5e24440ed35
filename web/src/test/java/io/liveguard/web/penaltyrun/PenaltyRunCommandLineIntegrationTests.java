package io.liveguard.web.penaltyrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command-line and scheduled ways to start the penalty run. */
class PenaltyRunCommandLineIntegrationTests {

	@Test
	void theCommandLineRunsOnceWithoutAWebServerAndExitsWithTheOutcome() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LiveGuardApplication.class)
			.web(WebApplicationType.NONE)
			.run("--liveguard.penalty-run.date=2026-11-22", "--liveguard.penalty-run.market=VN",
					"--liveguard.bootstrap.admin-password=command-line-test-password")) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			assertThat(jdbc.sql("select requested_by || ' ' || business_date || ' ' || market from penalty_run")
				.query(String.class)
				.list()).containsExactly("command line 2026-11-22 VN");
			assertThat(context.getBeansOfType(ScheduledTaskHolder.class).values()
				.stream()
				.flatMap((holder) -> holder.getScheduledTasks().stream())
				.filter((task) -> task.getTask() instanceof CronTask)
				.toList()).as("no nightly schedule in a command-line run").isEmpty();
			assertThat(SpringApplication.exit(context)).isZero();
		}
	}

	/**
	 * The README's way on the default database: the server runs on {@code ./data}, and the command-line run
	 * started from the same directory connects through it (H2's AUTO_SERVER) rather than failing on the file
	 * lock. Both are the application jar in JVMs of their own, as a user starts them: within one JVM H2
	 * shares an open database, so there would be no lock to meet.
	 */
	@Test
	void theCommandLineRunsWhileTheServerHasTheDefaultDatabaseOpen(@TempDir Path directory) throws Exception {
		Path jar = Path.of(System.getProperty("liveguard.test.jar", "target/liveguard.jar")).toAbsolutePath();
		assertThat(jar).as("the application jar, built by package before Failsafe runs").isRegularFile();
		Path serverLog = directory.resolve("server.log");
		Process server = start(jar, directory, serverLog, "--server.port=0",
				"--liveguard.bootstrap.admin-password=command-line-test-password");
		try {
			await("the server on ./data").atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> {
					assertThat(server.isAlive()).as(tail(serverLog)).isTrue();
					return read(serverLog).contains("Started LiveGuardApplication");
				});

			Path cliLog = directory.resolve("cli.log");
			Process cli = start(jar, directory, cliLog, "--liveguard.penalty-run.date=2026-11-22",
					"--liveguard.penalty-run.market=VN");
			assertThat(cli.waitFor(4, TimeUnit.MINUTES)).as("the command line finished").isTrue();

			assertThat(cli.exitValue()).as(tail(cliLog)).isZero();
			assertThat(server.isAlive()).as("the server kept running").isTrue();
			// read through the server, which still holds the file
			SingleConnectionDataSource database = new SingleConnectionDataSource(
					"jdbc:h2:file:" + directory.resolve("data/liveguard") + ";AUTO_SERVER=TRUE", "sa", "", true);
			try {
				assertThat(JdbcClient.create(database)
					.sql("select requested_by || ' ' || business_date || ' ' || market from penalty_run")
					.query(String.class)
					.list()).containsExactly("command line 2026-11-22 VN");
			}
			finally {
				database.destroy();
			}
		}
		finally {
			server.destroy();
			server.waitFor(1, TimeUnit.MINUTES);
		}
	}

	@Test
	void theServerSchedulesEachMarketInItsOwnTimeZone() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LiveGuardApplication.class)
			.web(WebApplicationType.NONE)
			.run("--liveguard.bootstrap.admin-password=schedule-test-password")) {
			// 00:30 market time after 2026-11-22T00:00Z: UTC+7 markets at 17:30Z, UTC+8 markets at 16:30Z
			Clock from = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
			List<Instant> next = context.getBeansOfType(ScheduledTaskHolder.class)
				.values()
				.stream()
				.flatMap((holder) -> holder.getScheduledTasks().stream())
				.map((task) -> task.getTask())
				.filter(CronTask.class::isInstance)
				.map((task) -> ((CronTrigger) ((CronTask) task).getTrigger()).nextExecution(new SimpleTriggerContext(from)))
				.toList();
			Instant utc7 = Instant.parse("2026-11-22T17:30:00Z");
			Instant utc8 = Instant.parse("2026-11-22T16:30:00Z");
			assertThat(next).containsExactlyInAnyOrder(utc7, utc7, utc7, utc8, utc8, utc8);
		}
	}

	private static Process start(Path jar, Path directory, Path log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
		command.addAll(List.of(arguments));
		return new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static String tail(Path log) {
		String text = read(log);
		return text.substring(Math.max(0, text.length() - 4000));
	}

	private static String read(Path log) {
		try {
			return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
