package io.liveguard.bench.penalty;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generates sessions for many sellers, scores them with the default pack and stores them in an H2
 * file database (once: a later run on the same directory reuses them), then times one penalty run
 * over all of them and prints sessions/s and the peak heap. Run it with a bounded heap, as the
 * {@code bench} profile does ({@code -Xmx512m}).
 * <p>
 * Arguments (all optional): sessions, sellers, database directory, days.
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

	public static void main(String[] args) {
		long sessions = (args.length > 0) ? Long.parseLong(args[0]) : 1_000_000;
		int sellers = (args.length > 1) ? Integer.parseInt(args[1]) : 100_000;
		Path directory = Path.of((args.length > 2) ? args[2] : "target/penalty-bench-db").toAbsolutePath();
		int days = (args.length > 3) ? Integer.parseInt(args[3]) : 30;
		GeneratorSettings settings = GeneratorSettings.defaults()
			.withCount(sessions)
			.withSellers(sellers)
			.withDays(days)
			.withSeed(20261123);
		LocalDate runDate = settings.from().plusDays(days - 1L);
		// a 128 MB page cache, inside the bounded heap: H2's default (16 MB) spends the run re-reading pages
		String url = "jdbc:h2:file:" + directory.resolve("liveguard") + "_" + sessions + "_" + sellers
				+ ";CACHE_SIZE=131072";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PenaltyRunBenchmark.class)
			.run("--spring.datasource.url=" + url,
					"--spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor}",
					"--spring.batch.job.enabled=false", "--spring.batch.jdbc.initialize-schema=never",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--logging.level.io.liveguard=INFO")) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			long stored = jdbc.queryForObject("select count(*) from live_session", Long.class);
			if (stored < sessions) {
				jdbc.update("delete from finding");
				jdbc.update("delete from score_card");
				jdbc.update("delete from listed_price");
				jdbc.update("delete from session_record");
				jdbc.update("delete from live_session");
				long started = System.nanoTime();
				store(jdbc, context.getBean(ScoringEngine.class), new SessionGenerator(settings));
				System.out.printf("Generated, scored and stored %,d sessions of %,d sellers in %.1f s%n", sessions,
						sellers, (System.nanoTime() - started) / 1e9);
			}
			// every timed run starts from no decisions, so a rerun on stored sessions measures the same work
			for (String table : List.of("penalty_reason", "penalty", "seller_state", "seller_warning",
					"penalty_run_seller", "quarantine", "appeal")) {
				jdbc.update("delete from " + table);
			}
			long findings = jdbc.queryForObject("select count(*) from finding where kind = 'VIOLATION'", Long.class);
			System.gc();
			HeapSampler sampler = new HeapSampler();
			sampler.start();
			long started = System.nanoTime();
			PenaltyRuns.RunStatus run = context.getBean(PenaltyRuns.class).runAndWait(runDate, null, "benchmark");
			double seconds = (System.nanoTime() - started) / 1e9;
			long peak = sampler.finish();
			System.out.println();
			System.out.println("Penalty run benchmark (H2 file database, " + Runtime.getRuntime().availableProcessors()
					+ " cores, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, Java "
					+ System.getProperty("java.version") + ")");
			System.out.printf("  sessions in the database   %,d (%,d violation findings)%n", sessions, findings);
			System.out.printf("  run for business date      %s, all markets: %s%n", runDate, run.status());
			System.out.printf("  sellers selected / read    %,d / %,d%n", run.sellersTotal(), run.sellersRead());
			System.out.printf("  penalties, warnings        %,d, %,d (quarantined %d)%n", run.penaltiesDecided(),
					run.warnings(), run.skipped());
			System.out.printf("  run time                   %.1f s%n", seconds);
			System.out.printf("  throughput                 %,.0f sessions/s, %,.0f sellers/s%n", sessions / seconds,
					run.sellersRead() / seconds);
			System.out.printf("  peak heap during the run   %,d MB used (sampled every 20 ms)%n", peak / (1024 * 1024));
		}
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
			List<ScoreCard> cards = chunk.parallelStream()
				.map((generated) -> engine.score(generated.session(), generated.history()))
				.toList();
			List<Object[]> sessionRows = new ArrayList<>(chunk.size());
			List<Object[]> recordRows = new ArrayList<>(chunk.size());
			List<Object[]> cardRows = new ArrayList<>(chunk.size());
			List<Object[]> findingRows = new ArrayList<>();
			for (int i = 0; i < chunk.size(); i++) {
				LiveSession session = chunk.get(i).session();
				ScoreCard card = cards.get(i);
				sessionRows.add(new Object[] { session.sessionId(), session.sellerId(), session.market(),
						utc(session.startedAt()), utc(session.endedAt()), card.businessDate(),
						codec.contentHash(session), utc(card.scoredAt()), card.contentScore(), card.violationPoints() });
				recordRows.add(new Object[] { session.sessionId(), codec.write(session) });
				cardRows.add(new Object[] { ++cardId, session.sessionId(), card.rulePack().id(),
						card.rulePack().version(), card.contentScore(), card.violationPoints(),
						codec.mapper().writeValueAsString(card), utc(card.scoredAt()) });
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
			jdbc.batchUpdate("insert into session_record (session_id, record) values (?, ?)", recordRows);
			jdbc.batchUpdate("insert into score_card (id, session_id, pack_id, pack_version, content_score,"
					+ " violation_points, is_current, card, scored_at) values (?, ?, ?, ?, ?, ?, true, ?, ?)", cardRows);
			jdbc.batchUpdate("insert into finding (score_card_id, seq, session_id, seller_id, market, business_date,"
					+ " code, kind, severity, points, score_delta, rule) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					findingRows);
		}
	}

	/** Samples the used heap in the background and keeps the highest value. */
	private static final class HeapSampler extends Thread {

		private volatile boolean running = true;

		private long peak;

		HeapSampler() {
			super("heap-sampler");
			setDaemon(true);
		}

		@Override
		public void run() {
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			while (this.running) {
				this.peak = Math.max(this.peak, memory.getHeapMemoryUsage().getUsed());
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		long finish() {
			this.running = false;
			try {
				join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this.peak;
		}

	}

	private static OffsetDateTime utc(java.time.Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
