package io.liveguard.batch.sessionimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.Tables;
import io.liveguard.batch.job.JobNotFound;
import io.liveguard.batch.job.JobNotRestartable;
import io.liveguard.batch.penalty.Quarantine;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.generator.GeneratorSettings;
import io.liveguard.engine.generator.SessionGenerator;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = BatchTestApplication.class,
		properties = "liveguard.import.chunk-size=" + SessionImportJobIntegrationTests.CHUNK_SIZE)
@SpringBatchTest
class SessionImportJobIntegrationTests {

	static final int CHUNK_SIZE = 50;

	private static final SessionCodec codec = new SessionCodec();

	@Autowired
	SessionImports imports;

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job sessionImportJob;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SessionStore store;

	@Autowired
	ScoringEngine engine;

	@Autowired
	TransactionTemplate transactions;

	@TempDir
	Path dir;

	@BeforeEach
	void emptyTables() {
		Tables.empty(this.jdbc);
	}

	@Test
	void storesTheValidLinesOfAPlainFileAndQuarantinesTheBadOnesWithTheirReasons() throws Exception {
		// given
		Path file = new ClassPathResource("imports/mixed.ndjson").getFile().toPath();

		// when
		SessionImports.ImportStatus status = this.imports.runAndWait(file, "mixed.ndjson", "test");

		// then
		assertThat(status.status()).isEqualTo("COMPLETED");
		assertThat(status.linesRead()).isEqualTo(11);
		assertThat(status.stored()).isEqualTo(4);
		assertThat(status.duplicates()).isEqualTo(1);
		assertThat(status.quarantined()).isEqualTo(4);
		assertThat(status.progress()).isEqualTo(1.0);
		assertThat(status.bytesRead()).isEqualTo(status.bytesTotal()).isEqualTo(Files.size(file));
		assertThat(storedIds()).containsExactly("ex-claim-001", "ex-clean-001", "ex-fake-001", "ex-static-001");
		assertThat(this.jdbc.sql("select count(*) from score_card").query(Long.class).single()).isEqualTo(4);
		assertThat(this.jdbc.sql("select count(*) from finding").query(Long.class).single()).isPositive();
		List<Quarantine.Entry> quarantined = this.imports.quarantine(status.importId(), 0, 100);
		assertThat(quarantined).extracting(Quarantine.Entry::itemKey)
			.containsExactly("line 4", "line 6 (session bad-1)", "line 9 (session ex-clean-001)", "line 11");
		assertThat(quarantined.get(0).reason()).isNotBlank();
		assertThat(quarantined.get(1).reason()).contains("market: is required");
		assertThat(quarantined.get(2).reason()).isEqualTo(SessionImportWriter.CONFLICT);
		assertThat(this.imports.quarantine(status.importId(), 1, 2)).extracting(Quarantine.Entry::itemKey)
			.containsExactly("line 6 (session bad-1)", "line 9 (session ex-clean-001)");
	}

	@Test
	void readsGzipByItsMagicBytesWhateverTheFileIsCalled() throws Exception {
		// given: the same lines, compressed, under a plain name
		Path file = this.dir.resolve("not-compressed-honest.ndjson");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write(new ClassPathResource("imports/mixed.ndjson").getContentAsByteArray());
		}

		// when
		SessionImports.ImportStatus status = this.imports.runAndWait(file, file.getFileName().toString(), "test");

		// then
		assertThat(status.status()).isEqualTo("COMPLETED");
		assertThat(status.linesRead()).isEqualTo(11);
		assertThat(status.stored()).isEqualTo(4);
		assertThat(status.duplicates()).isEqualTo(1);
		assertThat(status.quarantined()).isEqualTo(4);
		assertThat(storedIds()).hasSize(4);
	}

	@Test
	void sessionsStoredBeforeAreDuplicatesAndTheirConflictsAreQuarantined() throws Exception {
		// given
		Path file = new ClassPathResource("imports/mixed.ndjson").getFile().toPath();
		this.imports.runAndWait(file, "mixed.ndjson", "test");

		// when: the same file again, started as the job itself
		long importId = this.jdbc.sql("select max(id) from session_import").query(Long.class).single();
		this.jobs.setJob(this.sessionImportJob);
		JobExecution execution = this.jobs
			.startJob(new JobParametersBuilder().addLong(SessionImports.IMPORT_ID, importId + 1000)
				.addString(SessionImports.FILE, file.toString())
				.toJobParameters());

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		var context = execution.getStepExecutions().iterator().next().getExecutionContext();
		assertThat(context.getLong(SessionImportWriter.STORED)).isZero();
		assertThat(context.getLong(SessionImportWriter.DUPLICATES)).isEqualTo(5);
		assertThat(context.getLong(SessionImportWriter.QUARANTINED)).isEqualTo(4);
		assertThat(storedIds()).hasSize(4);
	}

	@Test
	void scoresEachSessionWithTheHistoryOfTheLinesBeforeItAsSessionBySessionIngestWould() throws Exception {
		// given: sessions of a few busy sellers, many in one chunk
		List<LiveSession> sessions = generate(400, 5);
		Path file = ndjson(sessions, List.of());
		List<String> expected = new ArrayList<>();
		for (LiveSession session : sessions) {
			CompiledPack pack = this.engine.packFor(session);
			ScoreCard card = pack.score(session,
					this.store.history(session.sellerId(), ScoringEngine.historyWindow(pack, session)),
					java.time.Instant.now());
			this.transactions.executeWithoutResult((tx) -> this.store.add(new SessionStore.NewSession(session,
					codec.write(session), codec.contentHash(session), card, "{}", java.time.Instant.now())));
		}
		expected.addAll(findings());
		Tables.empty(this.jdbc);

		// when
		SessionImports.ImportStatus status = this.imports.runAndWait(file, "generated.ndjson", "test");

		// then
		assertThat(status.stored()).isEqualTo(400);
		assertThat(expected).anyMatch((finding) -> finding.contains("FAKE_DISCOUNT"));
		assertThat(findings()).containsExactlyElementsOf(expected);
	}

	@Test
	void aFailedImportRestartsAfterItsLastCommittedChunkAndStoresEverySessionOnce() throws Exception {
		// given: 600 lines, every 37th bad; a database failure at line 330, in the
		// seventh chunk
		List<LiveSession> sessions = generate(600, 40);
		List<Integer> bad = new ArrayList<>();
		for (int line = 37; line <= 600; line += 37) {
			bad.add(line);
		}
		Path file = ndjson(sessions, bad);
		String failing = sessions.get(329).sessionId();
		this.jdbc
			.sql("alter table live_session add constraint import_test_failure check (session_id <> '" + failing + "')")
			.update();
		SessionImports.ImportStatus failed;
		try {
			// when
			failed = this.imports.runAndWait(file, "generated.ndjson", "test");
		}
		finally {
			this.jdbc.sql("alter table live_session drop constraint import_test_failure").update();
		}

		// then: six chunks committed
		assertThat(failed.status()).isEqualTo("FAILED");
		assertThat(failed.failure()).startsWith(SessionImportJobConfiguration.IMPORT_STEP + ": ")
			.containsIgnoringCase("import_test_failure");
		assertThat(failed.restartable()).isTrue();
		assertThat(failed.linesRead()).isEqualTo(6 * CHUNK_SIZE);
		long badBefore = bad.stream().filter((line) -> line <= 6 * CHUNK_SIZE).count();
		assertThat(failed.stored()).isEqualTo(6 * CHUNK_SIZE - badBefore).isEqualTo(storedIds().size());
		assertThat(failed.quarantined()).isEqualTo(badBefore);
		assertThat(failed.progress()).isBetween(0.0, 1.0);

		// when
		SessionImports.ImportStatus restarted = this.imports.restart(failed.importId());

		// then
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(restarted.linesRead()).isEqualTo(600);
		assertThat(restarted.stored()).isEqualTo(600 - bad.size());
		assertThat(restarted.duplicates()).isZero();
		assertThat(restarted.quarantined()).isEqualTo(bad.size());
		List<String> expectedIds = new ArrayList<>();
		for (int i = 0; i < sessions.size(); i++) {
			if (!bad.contains(i + 1)) {
				expectedIds.add(sessions.get(i).sessionId());
			}
		}
		assertThat(storedIds()).containsExactlyInAnyOrderElementsOf(expectedIds);
		assertThat(this.imports.quarantine(restarted.importId(), 0, 1000)).extracting(Quarantine.Entry::itemKey)
			.containsExactlyElementsOf(bad.stream().map((line) -> "line " + line).toList());
	}

	@Test
	void aCompletedImportIsNotRestartedAndAnUnknownOneIsNotFound() throws Exception {
		Path file = new ClassPathResource("imports/mixed.ndjson").getFile().toPath();
		long importId = this.imports.runAndWait(file, "mixed.ndjson", "test").importId();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(JobNotRestartable.class)
			.isThrownBy(() -> this.imports.restart(importId))
			.withMessage("import " + importId + " cannot be restarted: it is COMPLETED");
		org.assertj.core.api.Assertions.assertThatExceptionOfType(JobNotFound.class)
			.isThrownBy(() -> this.imports.restart(importId + 1))
			.withMessage("importId: no import " + (importId + 1));
	}

	@Test
	void looksLikeNdjsonTellsSessionFilesFromOthers() throws Exception {
		Path ndjson = new ClassPathResource("imports/mixed.ndjson").getFile().toPath();
		Path empty = Files.writeString(this.dir.resolve("empty"), "  \n");
		Path csv = Files.writeString(this.dir.resolve("csv"), "sessionId,sellerId\n");
		Path gzip = this.dir.resolve("gzip");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
			out.write(Files.readAllBytes(ndjson));
		}
		assertThat(NdjsonFiles.looksLikeNdjson(ndjson)).isTrue();
		assertThat(NdjsonFiles.looksLikeNdjson(gzip)).isTrue();
		assertThat(NdjsonFiles.looksLikeNdjson(empty)).isFalse();
		assertThat(NdjsonFiles.looksLikeNdjson(csv)).isFalse();
	}

	@Test
	void quarantinesALineThatInflatesPastTheRecordLimitByItsNumberAndStoresTheOthers() throws Exception {
		// given: a small gzip whose line 2 inflates to 64 MiB, between two valid sessions
		List<LiveSession> sessions = generate(2, 2);
		Path file = this.dir.resolve("bomb.ndjson.gz");
		try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
			out.write((codec.write(sessions.get(0)) + "\n{\"sessionId\":\"huge-1\",\"padding\":\"")
				.getBytes(StandardCharsets.UTF_8));
			byte[] block = new byte[1024 * 1024];
			java.util.Arrays.fill(block, (byte) 'a');
			for (int i = 0; i < 64; i++) {
				out.write(block);
			}
			out.write(("\"}\n" + codec.write(sessions.get(1)) + "\n").getBytes(StandardCharsets.UTF_8));
		}
		assertThat(Files.size(file)).isLessThan(1024 * 1024);

		// when
		SessionImports.ImportStatus status = this.imports.runAndWait(file, "bomb.ndjson.gz", "test");

		// then: the line is refused by its number without being held, the others are
		// stored
		assertThat(status.status()).isEqualTo("COMPLETED");
		assertThat(status.linesRead()).isEqualTo(3);
		assertThat(status.stored()).isEqualTo(2);
		assertThat(status.quarantined()).isEqualTo(1);
		assertThat(storedIds()).containsExactlyInAnyOrder(sessions.get(0).sessionId(), sessions.get(1).sessionId());
		assertThat(this.imports.quarantine(status.importId(), 0, 10)).singleElement().satisfies((entry) -> {
			assertThat(entry.itemKey()).isEqualTo("line 2");
			assertThat(entry.reason()).contains("longer than the limit of " + 4 * 1024 * 1024 + " bytes");
		});
	}

	private List<String> storedIds() {
		return this.jdbc.sql("select session_id from live_session order by session_id").query(String.class).list();
	}

	private List<String> findings() {
		return this.jdbc
			.sql("select session_id || ' ' || seq || ' ' || code || ' ' || points from finding"
					+ " order by session_id, seq")
			.query(String.class)
			.list();
	}

	private static List<LiveSession> generate(int count, int sellers) {
		return new SessionGenerator(GeneratorSettings.defaults()
			.withCount(count)
			.withSellers(sellers)
			.withMarkets(List.of("VN"))
			.withFrom(LocalDate.of(2026, 11, 1))
			.withDays(10)).sessions().toList();
	}

	/**
	 * The sessions as NDJSON, one a line; the given lines (from 1) replaced by invalid
	 * JSON.
	 */
	private Path ndjson(List<LiveSession> sessions, List<Integer> badLines) {
		Path file = this.dir.resolve("sessions-" + System.nanoTime() + ".ndjson");
		try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (int i = 0; i < sessions.size(); i++) {
				out.write(badLines.contains(i + 1) ? "{\"sessionId\": broken" : codec.write(sessions.get(i)));
				out.write('\n');
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

}
