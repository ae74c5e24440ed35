package io.liveguard.bench.penalty;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.sql.DataSource;

import io.liveguard.batch.penalty.PenaltyRunConfiguration;
import io.liveguard.batch.penalty.PenaltyRunJobConfiguration;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.bench.HeapSampler;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generates sessions for many sellers, scores them with the default pack and stores what
 * the penalty run reads (sessions, current score cards without their JSON, findings;
 * once: a later run on the same database reuses them), then times one penalty run over
 * all of them per configuration and prints a table: sellers, decisions, run time,
 * sessions/s, the manager's peak heap and the load average. Run it with a bounded heap,
 * as the {@code penalty-benchmark} profile does ({@code -Xmx512m}).
 * <p>
 * Arguments (all optional): sessions (1,000,000), sellers (100,000), database (an H2
 * directory, {@code target/penalty-bench-db}, or a {@code jdbc:postgresql:} URL of an
 * existing database, user {@code postgres}), configurations (comma-separated: {@code N}
 * for N local partitions on N threads, {@code remoteN} for this JVM as manager and N
 * worker JVMs over RabbitMQ at localhost:5672, one partition each, PostgreSQL only;
 * default {@code 1,2}, and {@code 1,2,remote2} on PostgreSQL; {@code -} only stores the
 * sessions), days (30), and a {@code jdbc:postgresql:} URL to copy the stored rows from
 * instead of generating them (to time H2 over the same rows as PostgreSQL). Called as
 * {@code worker <jdbc url> <queue>} it is one of those workers.
 */
@SpringBootApplication
@Import({ PenaltyRunJobConfiguration.class, PenaltyRunConfiguration.class })
public class PenaltyRunBenchmark {

	private static final int CHUNK = 2_000;

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ScoringEngine scoringEngine() {
		return ScoringEngine.withClasspathPacks("default");
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("worker")) {
			worker(args[1], args[2]);
			return;
		}
		long sessions = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		int sellers = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
		String target = (args.length > 2) ? args[2] : "target/penalty-bench-db";
		boolean postgres = target.startsWith("jdbc:postgresql:");
		String configured = (args.length > 3) ? args[3] : (postgres ? "1,2,remote2" : "1,2");
		// "-": only generate and store the sessions, to time the runs later on a quieter
		// machine
		List<String> configurations = configured.equals("-") ? List.of() : List.of(configured.split(","));
		int days = (args.length > 4) ? Integer.parseInt(args[4]) : 30;
		GeneratorSettings settings = GeneratorSettings.defaults()
			.withCount(sessions)
			.withSellers(sellers)
			.withDays(days)
			.withSeed(20261123);
		LocalDate runDate = settings.from().plusDays(days - 1L);
		// H2: a 128 MB page cache, inside the bounded heap (H2's default 16 MB spends the
		// run re-reading pages)
		String url = postgres ? target : "jdbc:h2:file:" + Path.of(target).toAbsolutePath().resolve("liveguard") + "_"
				+ sessions + "_" + sellers + ";CACHE_SIZE=131072";
		String queue = "liveguard.bench-partitions";
		try (ConfigurableApplicationContext context = context(url, "LOCAL", 1, queue)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			long stored = jdbc.queryForObject("select count(*) from live_session", Long.class);
			if (stored < sessions) {
				for (String table : List.of("finding", "score_card", "listed_price", "session_record",
						"live_session")) {
					jdbc.update("delete from " + table);
				}
				long started = System.nanoTime();
				if (args.length > 5) {
					copy(args[5], jdbc);
					System.out.printf("Copied %,d sessions of %,d sellers from %s in %.1f s%n", sessions, sellers,
							args[5], (System.nanoTime() - started) / 1e9);
				}
				else {
					store(jdbc, context.getBean(ScoringEngine.class), new SessionGenerator(settings));
					System.out.printf("Generated, scored and stored %,d sessions of %,d sellers in %.1f s%n", sessions,
							sellers, (System.nanoTime() - started) / 1e9);
				}
			}
		}
		try (ConfigurableApplicationContext context = context(url, "LOCAL", 2, queue)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			if (postgres && !configurations.isEmpty()
					&& jdbc.queryForObject("select count(*) from seller_state", Long.class) == 0) {
				// a production database holds the decisions of earlier nights, and its
				// statistics say so;
				// planned against empty decision tables (and without autovacuum to
				// re-analyze them as they
				// fill), PostgreSQL keeps seq-scan plans for them the whole run
				// (bench/README.md)
				long started = System.nanoTime();
				PenaltyRuns.RunStatus priming = context.getBean(PenaltyRuns.class)
					.runAndWait(runDate, null, "benchmark");
				System.out.printf("Untimed first run, so the decision tables hold a night's decisions: %s in %.1f s%n",
						priming.status(), (System.nanoTime() - started) / 1e9);
			}
			// fresh statistics, as a database gets them after a bulk load (autovacuum may
			// take its time);
			// without them PostgreSQL plans the per-chunk reads as if the tables were
			// empty
			jdbc.execute("analyze");
		}
		List<String> results = new ArrayList<>();
		for (String configuration : configurations) {
			results.add(measure(url, configuration.strip(), queue, sessions, runDate, postgres));
		}
		System.out.println();
		System.out.println("Penalty run benchmark: " + (postgres ? "PostgreSQL" : "H2 file database") + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores, max heap "
				+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB per JVM, Java "
				+ System.getProperty("java.version") + ", " + sessions + " sessions of " + sellers
				+ " sellers, run date " + runDate);
		System.out.println(
				"| configuration | sellers read | penalties | warnings | run time | sessions/s | sellers/s | peak heap (manager) | load before / after |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		results.forEach(System.out::println);
	}

	/** One timed run over all markets, from no decisions, in the given configuration. */
	private static String measure(String url, String configuration, String queue, long sessions, LocalDate runDate,
			boolean postgres) throws Exception {
		boolean remote = configuration.startsWith("remote");
		int count = Integer.parseInt(remote ? configuration.substring("remote".length()) : configuration);
		List<Process> workers = new ArrayList<>();
		try (ConfigurableApplicationContext context = context(url, remote ? "MANAGER" : "LOCAL", count, queue)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			for (String table : List.of("penalty_reason", "penalty", "seller_state", "seller_warning",
					"penalty_run_seller", "quarantine", "appeal")) {
				jdbc.update("delete from " + table);
			}
			if (remote) {
				for (int i = 0; i < count; i++) {
					workers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
							"-Xmx512m", "-cp", System.getProperty("java.class.path"),
							PenaltyRunBenchmark.class.getName(), "worker", url, queue)
						.inheritIO()
						.start());
				}
				AmqpAdmin admin = context.getBean(AmqpAdmin.class);
				long deadline = System.nanoTime() + 180_000_000_000L;
				while (consumers(admin, queue) < count) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("the workers did not start listening within 3 minutes");
					}
					Thread.sleep(200);
				}
			}
			double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			System.gc();
			HeapSampler sampler = new HeapSampler();
			sampler.start();
			long started = System.nanoTime();
			PenaltyRuns.RunStatus run = context.getBean(PenaltyRuns.class).runAndWait(runDate, null, "benchmark");
			double seconds = (System.nanoTime() - started) / 1e9;
			long peak = sampler.finish();
			double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			String name = remote ? "1 manager + " + count + " worker JVMs (" + count + " partitions)"
					: count + " local partition" + ((count == 1) ? "" : "s") + " on " + count + " thread"
							+ ((count == 1) ? "" : "s");
			String line = String.format("| %s%s | %,d | %,d | %,d | %.1f s | %,.0f | %,.0f | %,d MB | %.2f / %.2f |",
					name, run.status().equals("COMPLETED") ? "" : " (" + run.status() + ")", run.sellersRead(),
					run.penaltiesDecided(), run.warnings(), seconds, sessions / seconds, run.sellersRead() / seconds,
					peak / (1024 * 1024), loadBefore, loadAfter);
			System.out.println(line);
			if (remote) {
				context.getBean(AmqpAdmin.class).deleteQueue(queue);
			}
			return line;
		}
		finally {
			for (Process worker : workers) {
				worker.destroy();
				worker.waitFor();
			}
		}
	}

	private static int consumers(AmqpAdmin admin, String queue) {
		QueueInformation info = admin.getQueueInfo(queue);
		return (info == null) ? 0 : info.getConsumerCount();
	}

	/** A worker JVM: takes partitions from the queue until it is stopped. */
	private static void worker(String url, String queue) throws InterruptedException {
		ConfigurableApplicationContext context = context(url, "WORKER", 1, queue);
		Runtime.getRuntime().addShutdownHook(new Thread(context::close));
		Thread.currentThread().join();
	}

	private static ConfigurableApplicationContext context(String url, String mode, int partitions, String queue) {
		return new SpringApplicationBuilder(PenaltyRunBenchmark.class).run("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + (url.startsWith("jdbc:postgresql:") ? "postgres" : "sa"),
				"--spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor}",
				// a database filled by an earlier build may lack a migration numbered
				// below its latest
				"--spring.flyway.out-of-order=true", "--spring.batch.job.enabled=false",
				"--spring.batch.jdbc.initialize-schema=never", "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--logging.level.io.liveguard=WARN",
				"--liveguard.partitioning.mode=" + mode, "--liveguard.partitioning.partitions=" + partitions,
				"--liveguard.partitioning.threads=" + partitions, "--liveguard.partitioning.queue=" + queue,
				"--liveguard.partitioning.poll-interval=PT0.5S");
	}

	private static void store(JdbcTemplate jdbc, ScoringEngine engine, SessionGenerator generator) {
		SessionCodec codec = new SessionCodec();
		Iterator<GeneratedSession> sessions = generator.iterator();
		long cardId = 0;
		while (sessions.hasNext()) {
			List<GeneratedSession> chunk = new ArrayList<>(CHUNK);
			while (sessions.hasNext() && chunk.size() < CHUNK) {
				chunk.add(sessions.next());
			}
			List<ScoreCard> cards = chunk.parallelStream().map((generated) -> score(engine, generated)).toList();
			List<Object[]> sessionRows = new ArrayList<>(chunk.size());
			List<Object[]> cardRows = new ArrayList<>(chunk.size());
			List<Object[]> findingRows = new ArrayList<>();
			for (int i = 0; i < chunk.size(); i++) {
				LiveSession session = chunk.get(i).session();
				ScoreCard card = cards.get(i);
				sessionRows.add(new Object[] { session.sessionId(), session.sellerId(), session.market(),
						utc(session.startedAt()), utc(session.endedAt()), card.businessDate(),
						codec.contentHash(session), utc(card.scoredAt()), card.contentScore(),
						card.violationPoints() });
				cardRows.add(new Object[] { ++cardId, session.sessionId(), card.rulePack().id(),
						card.rulePack().version(), card.contentScore(), card.violationPoints(), utc(card.scoredAt()) });
				int seq = 0;
				for (Finding finding : card.findings()) {
					findingRows.add(new Object[] { cardId, seq++, session.sessionId(), session.sellerId(),
							session.market(), card.businessDate(), finding.code(), finding.kind().name(),
							finding.severity().name(), finding.points(), finding.scoreDelta(), finding.rule() });
				}
			}
			jdbc.batchUpdate("insert into live_session (session_id, seller_id, market, started_at, ended_at,"
					+ " business_date, content_hash, received_at, content_score, violation_points)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sessionRows);
			jdbc.batchUpdate("insert into score_card (id, session_id, pack_id, pack_version, content_score,"
					+ " violation_points, is_current, card, scored_at) values (?, ?, ?, ?, ?, ?, true, '{}', ?)",
					cardRows);
			jdbc.batchUpdate("insert into finding (score_card_id, seq, session_id, seller_id, market, business_date,"
					+ " code, kind, severity, points, score_delta, rule) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					findingRows);
		}
	}

	/**
	 * Copies what the penalty run reads from another database the benchmark filled (user
	 * {@code postgres}), so both databases are timed over the very same rows.
	 */
	private static void copy(String sourceUrl, JdbcTemplate target) throws java.sql.SQLException {
		String[][] tables = { { "live_session",
				"session_id, seller_id, market, started_at, ended_at, business_date, content_hash, received_at, content_score, violation_points" },
				{ "score_card",
						"id, session_id, pack_id, pack_version, content_score, violation_points, is_current, card, scored_at" },
				{ "finding",
						"score_card_id, seq, session_id, seller_id, market, business_date, code, kind, severity, points, score_delta, rule" } };
		try (java.sql.Connection source = java.sql.DriverManager.getConnection(sourceUrl, "postgres", "")) {
			source.setAutoCommit(false);
			for (String[] table : tables) {
				int columns = table[1].split(",").length;
				String insert = "insert into " + table[0] + " (" + table[1] + ") values ("
						+ String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")";
				try (java.sql.Statement select = source.createStatement()) {
					select.setFetchSize(CHUNK);
					try (java.sql.ResultSet rows = select.executeQuery("select " + table[1] + " from " + table[0])) {
						List<Object[]> batch = new ArrayList<>(CHUNK);
						while (rows.next()) {
							Object[] row = new Object[columns];
							for (int i = 0; i < columns; i++) {
								row[i] = rows.getObject(i + 1);
							}
							batch.add(row);
							if (batch.size() == CHUNK) {
								target.batchUpdate(insert, batch);
								batch.clear();
							}
						}
						target.batchUpdate(insert, batch);
					}
				}
			}
		}
	}

	/**
	 * Scores one session; once more if it ran over the pack's time budget, which a cold
	 * JIT on a loaded machine can make a session do (the budget is for runaway rules, not
	 * slow machines).
	 */
	private static ScoreCard score(ScoringEngine engine, GeneratedSession generated) {
		try {
			return engine.score(generated.session(), generated.history());
		}
		catch (io.liveguard.engine.rulepack.ScoringException ex) {
			return engine.score(generated.session(), generated.history());
		}
	}

	private static OffsetDateTime utc(java.time.Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
