package io.liveguard.batch.penalty;

import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.Decisions;
import io.liveguard.batch.SyntheticSellers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a penalty run's JVM mid-way (SIGKILL, no shutdown hooks), restarts the run in
 * another JVM and compares every decision with an uninterrupted run over the same data.
 */
class PenaltyRunRestartIntegrationTests {

	private static final int SELLERS = 2000;

	private static final LocalDate FROM = LocalDate.of(2026, 10, 1);

	private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	@Test
	void aRunKilledMidWayAndRestartedDecidesExactlyWhatAnUninterruptedRunDecides(@TempDir Path dir) throws Exception {
		// given: the same sellers in two databases
		// WRITE_DELAY=0: every commit reaches the file before it returns, as in a
		// production database;
		// by default H2 flushes commits within half a second and a SIGKILL would roll
		// them back
		String killedUrl = "jdbc:h2:file:" + dir.resolve("killed") + ";WRITE_DELAY=0";
		String cleanUrl = "jdbc:h2:file:" + dir.resolve("clean");
		prepare(killedUrl);
		prepare(cleanUrl);
		awaitLockReleased(dir.resolve("killed"));

		// when: a JVM runs the job on one of them (four partitions on two threads, small
		// chunks) and is killed
		// once a few chunks are committed
		Process child = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
				PenaltyRunProcess.class.getName(), killedUrl, RUN_DATE.toString())
			.redirectErrorStream(true)
			.start();
		int decidedAtKill = waitForDecisions(child, 4 * PenaltyRunProcess.CHUNK_SIZE);
		child.destroyForcibly();
		assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		awaitLockReleased(dir.resolve("killed"));
		int committedAtKill = count(killedUrl, "select count(*) from seller_state");
		assertThat(committedAtKill).as("killed mid-way").isBetween(1, SELLERS - 1);

		// and the run is restarted in a new JVM context
		PenaltyRuns.RunStatus restarted;
		try (ConfigurableApplicationContext context = context(killedUrl)) {
			long runId = new JdbcTemplate(context.getBean(javax.sql.DataSource.class))
				.queryForObject("select max(id) from penalty_run", Long.class);
			restarted = context.getBean(PenaltyRuns.class).restart(runId);
		}
		PenaltyRuns.RunStatus uninterrupted;
		try (ConfigurableApplicationContext context = context(cleanUrl)) {
			uninterrupted = context.getBean(PenaltyRuns.class).runAndWait(RUN_DATE, "VN", "test");
		}

		// then
		assertThat(decidedAtKill).isPositive();
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(uninterrupted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.sellersTotal()).isEqualTo(uninterrupted.sellersTotal());
		assertThat(restarted.penaltiesDecided()).isEqualTo(uninterrupted.penaltiesDecided());
		assertThat(restarted.warnings()).isEqualTo(uninterrupted.warnings());
		List<String> decisions = rows(cleanUrl, Decisions.PENALTIES);
		assertThat(decisions).hasSizeGreaterThan(100);
		assertThat(rows(killedUrl, Decisions.PENALTIES)).containsExactlyElementsOf(decisions);
		assertThat(rows(killedUrl, Decisions.STATES)).containsExactlyElementsOf(rows(cleanUrl, Decisions.STATES))
			.hasSize(SELLERS);
		assertThat(rows(killedUrl, Decisions.WARNINGS)).containsExactlyElementsOf(rows(cleanUrl, Decisions.WARNINGS));
	}

	private static void prepare(String url) {
		try (ConfigurableApplicationContext context = context(url)) {
			SyntheticSellers.write(new JdbcTemplate(context.getBean(javax.sql.DataSource.class)), SELLERS, FROM,
					RUN_DATE, 42);
		}
	}

	private static ConfigurableApplicationContext context(String url) {
		// a command-line argument, so it wins over the test application.properties
		return new SpringApplicationBuilder(BatchTestApplication.class).run("--spring.datasource.url=" + url);
	}

	/**
	 * Reads the child's output until it reports enough committed decisions; never opens
	 * the database.
	 */
	private static int waitForDecisions(Process child, int atLeast) throws Exception {
		java.util.Deque<String> tail = new java.util.ArrayDeque<>();
		try (java.io.BufferedReader out = new java.io.BufferedReader(
				new java.io.InputStreamReader(child.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("DECIDED ")) {
					int decided = Integer.parseInt(line.substring("DECIDED ".length()).strip());
					if (decided >= atLeast) {
						return decided;
					}
				}
				else {
					tail.addLast(line);
					if (tail.size() > 40) {
						tail.removeFirst();
					}
				}
			}
		}
		throw new IllegalStateException(
				"the child run ended before " + atLeast + " decisions; its output ends:\n" + String.join("\n", tail));
	}

	/**
	 * H2 refuses to open a database whose lock file a process touched in the last
	 * seconds: a closed context may leave it for a moment, a killed process leaves it
	 * behind. Wait until it is gone or old.
	 */
	private static void awaitLockReleased(Path database) {
		Path lock = Path.of(database + ".lock.db");
		Awaitility.await("the lock file of " + database + " gone or older than 5 s")
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> !java.nio.file.Files.exists(lock)
					|| System.currentTimeMillis() - java.nio.file.Files.getLastModifiedTime(lock).toMillis() > 5000);
	}

	private static int count(String url, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				ResultSet rs = connection.createStatement().executeQuery(sql)) {
			rs.next();
			return rs.getInt(1);
		}
	}

	private static List<String> rows(String url, String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(url);
				ResultSet rs = connection.createStatement().executeQuery(sql)) {
			List<String> rows = new java.util.ArrayList<>();
			while (rs.next()) {
				rows.add(rs.getString(1));
			}
			return rows;
		}
	}

	private static String javaBin() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

}
