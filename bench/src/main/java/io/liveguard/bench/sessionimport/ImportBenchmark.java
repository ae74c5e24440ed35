package io.liveguard.bench.sessionimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.liveguard.batch.penalty.PenaltyRunConfiguration;
import io.liveguard.batch.penalty.PenaltyRunJobConfiguration;
import io.liveguard.batch.session.SessionStoreConfiguration;
import io.liveguard.batch.sessionimport.SessionImportConfiguration;
import io.liveguard.batch.sessionimport.SessionImportJobConfiguration;
import io.liveguard.batch.sessionimport.SessionImports;
import io.liveguard.bench.HeapSampler;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.generator.GeneratedSession;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Generates sessions as a gzip NDJSON file (once per count: a later run reuses the file),
 * imports it with the bulk import job into an empty database, and prints sessions/s, the
 * peak heap and the machine. H2 (a fresh file database under {@code bench/target}) unless
 * a PostgreSQL JDBC URL is given: then its database is dropped and created first (through
 * the server's {@code postgres} database, user {@code postgres}) and dropped again after.
 * <p>
 * Arguments (all optional): sessions (200,000), JDBC URL, sellers (sessions / 20), chunk
 * size (500).
 */
@SpringBootApplication
@Import({ SessionStoreConfiguration.class, SessionImportJobConfiguration.class, SessionImportConfiguration.class,
		PenaltyRunJobConfiguration.class, PenaltyRunConfiguration.class })
public class ImportBenchmark {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ScoringEngine scoringEngine() {
		return ScoringEngine.withClasspathPacks("default");
	}

	public static void main(String[] args) throws Exception {
		long sessions = (args.length > 0) ? Long.parseLong(args[0]) : 200_000;
		String url = (args.length > 1 && !args[1].isBlank() && !"h2".equals(args[1])) ? args[1] : null;
		int sellers = (args.length > 2) ? Integer.parseInt(args[2]) : (int) Math.max(1, sessions / 20);
		int chunkSize = (args.length > 3) ? Integer.parseInt(args[3]) : 500;
		Path work = Path.of("target/import-bench").toAbsolutePath();
		Files.createDirectories(work);
		Path file = work.resolve("sessions-" + sessions + "-" + sellers + ".ndjson.gz");
		if (!Files.exists(file)) {
			long started = System.nanoTime();
			generate(file, GeneratorSettings.defaults().withCount(sessions).withSellers(sellers).withSeed(20261123));
			System.out.printf("Generated %,d sessions of %,d sellers as %s (%,d bytes) in %.1f s%n", sessions, sellers,
					file.getFileName(), Files.size(file), (System.nanoTime() - started) / 1e9);
		}
		String database;
		String user = null;
		if (url == null) {
			Path h2 = work.resolve("h2");
			deleteTree(h2);
			url = "jdbc:h2:file:" + h2.resolve("liveguard") + ";CACHE_SIZE=131072";
			database = "H2 file database";
			user = "sa";
		}
		else {
			recreate(url);
			database = "PostgreSQL " + url;
			user = "postgres";
		}
		double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImportBenchmark.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
				"--spring.flyway.locations=classpath:db/migration,classpath:db/vendor/{vendor}",
				"--spring.batch.job.enabled=false", "--spring.batch.jdbc.initialize-schema=never",
				"--liveguard.import.chunk-size=" + chunkSize, "--spring.main.banner-mode=off",
				"--logging.level.root=WARN", "--logging.level.io.liveguard=INFO")) {
			System.gc();
			HeapSampler sampler = new HeapSampler();
			sampler.start();
			long started = System.nanoTime();
			SessionImports.ImportStatus status = context.getBean(SessionImports.class)
				.runAndWait(file, file.getFileName().toString(), "benchmark");
			double seconds = (System.nanoTime() - started) / 1e9;
			long peak = sampler.finish();
			double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			System.out.println();
			System.out.println("Import benchmark (" + database + ", " + Runtime.getRuntime().availableProcessors()
					+ " cores, " + cpu() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
					+ " MB, Java " + System.getProperty("java.version") + ")");
			System.out.printf("  file                       %s, %,d bytes (gzip)%n", file.getFileName(),
					Files.size(file));
			System.out.printf("  import                     %s, chunk size %d%n", status.status(), chunkSize);
			System.out.printf("  lines / stored / dup / bad %,d / %,d / %,d / %,d%n", status.linesRead(),
					status.stored(), status.duplicates(), status.quarantined());
			System.out.printf("  import time                %.1f s%n", seconds);
			System.out.printf("  throughput                 %,.0f sessions/s%n", status.stored() / seconds);
			System.out.printf("  peak heap during the run   %,d MB used (sampled every 20 ms)%n", peak / (1024 * 1024));
			System.out.printf("  load average before/after  %.2f / %.2f%n", load, loadAfter);
			if (status.failure() != null) {
				System.out.println("  failure                    " + status.failure());
			}
		}
		finally {
			if (url.startsWith("jdbc:postgresql:")) {
				drop(url);
			}
		}
	}

	private static void generate(Path file, GeneratorSettings settings) {
		SessionCodec codec = new SessionCodec();
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024);
				Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			for (GeneratedSession generated : new SessionGenerator(settings)) {
				writer.write(codec.write(generated.session()));
				writer.write('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			Files.move(partial, file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void recreate(String url) throws SQLException {
		String name = databaseName(url);
		try (Connection server = DriverManager.getConnection(serverUrl(url), "postgres", "");
				Statement statement = server.createStatement()) {
			statement.execute("drop database if exists " + name);
			statement.execute("create database " + name);
		}
	}

	private static void drop(String url) throws SQLException {
		try (Connection server = DriverManager.getConnection(serverUrl(url), "postgres", "");
				Statement statement = server.createStatement()) {
			statement.execute("drop database if exists " + databaseName(url));
		}
	}

	private static String databaseName(String url) {
		String name = url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("database name '" + name + "' must be lower case letters, digits, _");
		}
		return name;
	}

	private static String serverUrl(String url) {
		return url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
	}

	private static String cpu() {
		try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
			return lines.filter((line) -> line.startsWith("model name"))
				.findFirst()
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.orElse("unknown CPU");
		}
		catch (IOException ex) {
			return "unknown CPU";
		}
	}

	private static void deleteTree(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
