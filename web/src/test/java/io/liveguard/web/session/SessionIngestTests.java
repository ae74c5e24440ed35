package io.liveguard.web.session;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import io.liveguard.batch.session.SessionMeters;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.NdjsonLines;
import io.liveguard.engine.session.SessionCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The ingest decisions that do not need a database: repeats, conflicts, races, NDJSON
 * lines.
 */
class SessionIngestTests {

	private static final SessionCodec codec = new SessionCodec();

	private static ScoringEngine engine;

	private final Sessions sessions = mock(Sessions.class);

	private final SessionStore store = mock(SessionStore.class);

	private SessionIngest ingest;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@BeforeAll
	static void compileDefaultPack() {
		engine = ScoringEngine.withClasspathPacks("default");
	}

	@BeforeEach
	void setUp() {
		TransactionTemplate transactions = mock(TransactionTemplate.class);
		given(transactions.execute(any()))
			.willAnswer((invocation) -> invocation.<TransactionCallback<?>>getArgument(0).doInTransaction(null));
		given(this.sessions.history(anyString(), any())).willReturn(SellerHistory.NONE);
		this.ingest = new SessionIngest(codec, engine, this.sessions, transactions, JsonMapper.builder().build(),
				Clock.fixed(Instant.parse("2026-11-23T08:00:00.123456Z"), ZoneOffset.UTC),
				new SessionMeters(this.registry), this.store);
	}

	@Test
	void newSessionIsScoredAndStoredWithAMillisecondTimestamp() {
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.empty());

		IngestResult result = this.ingest.ingest(example("clean-session.json"));

		assertThat(result.created()).isTrue();
		assertThat(result.scoreCard()).contains("\"contentScore\":100", "\"scoredAt\":\"2026-11-23T08:00:00.123Z\"");
		verify(this.sessions).add(any());
	}

	@Test
	void everyRecordIsCountedByItsPathAndOutcomeAndNewOnesAreTimedWithTheirFindings() {
		String clean = example("clean-session.json");
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.empty(),
				Optional.of(stored(clean, "stored card")));
		given(this.sessions.find("ex-claim-001")).willReturn(Optional.empty());

		this.ingest.ingest(clean);
		this.ingest.ingest(clean, SessionMeters.Path.LIVE);
		this.ingest.ingest(example("health-claim-no-confirmation.json"), SessionMeters.Path.SINGLE);
		assertThatExceptionOfType(InvalidSessionException.class)
			.isThrownBy(() -> this.ingest.ingest(example("invalid-ends-before-start.json")));

		assertThat(count("liveguard.sessions.ingested", "path", "single", "outcome", "stored")).isEqualTo(2);
		assertThat(count("liveguard.sessions.ingested", "path", "live", "outcome", "duplicate")).isEqualTo(1);
		assertThat(count("liveguard.sessions.ingested", "path", "live", "outcome", "stored")).isZero();
		assertThat(count("liveguard.sessions.rejected", "path", "single", "reason", "invalid")).isEqualTo(1);
		assertThat(this.registry.get("liveguard.scoring").tag("pack", "default").timer().count()).isEqualTo(2);
		assertThat(count("liveguard.findings", "code", "MISLEADING_HEALTH_CLAIM")).isEqualTo(1);
		assertThat(this.registry.find("liveguard.findings").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).hasSize(1));
	}

	private double count(String name, String... tags) {
		return this.registry.get(name).tags(tags).counter().count();
	}

	@Test
	void sameRecordAgainAnswersTheStoredCardWithoutScoring() {
		String json = example("clean-session.json");
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.of(stored(json, "stored card")));

		IngestResult result = this.ingest.ingest(json);

		assertThat(result.created()).isFalse();
		assertThat(result.scoreCard()).isEqualTo("stored card");
		verify(this.sessions, never()).add(any());
	}

	@Test
	void sameRecordWithOtherFormattingIsStillTheSameContent() {
		String json = example("clean-session.json");
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.of(stored(json, "stored card")));

		IngestResult result = this.ingest.ingest(json.replace("\n", " ").replace("  ", " "));

		assertThat(result.created()).isFalse();
	}

	@Test
	void sameIdWithOtherContentIsAConflict() {
		String json = example("clean-session.json");
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.of(stored(json, "stored card")));

		assertThatExceptionOfType(SessionConflict.class)
			.isThrownBy(() -> this.ingest.ingest(json.replace("\"orders\": 40", "\"orders\": 41")));
		verify(this.sessions, never()).add(any());
	}

	@Test
	void losingARaceWithTheSameContentAnswersTheWinnersCard() {
		String json = example("clean-session.json");
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.empty(),
				Optional.of(stored(json, "winner's card")));
		willThrow(new DuplicateKeyException("live_session primary key")).given(this.sessions).add(any());

		IngestResult result = this.ingest.ingest(json);

		assertThat(result.created()).isFalse();
		assertThat(result.scoreCard()).isEqualTo("winner's card");
	}

	@Test
	void losingARaceWithOtherContentIsAConflict() {
		String json = example("clean-session.json");
		given(this.sessions.find("ex-clean-001")).willReturn(Optional.empty(),
				Optional.of(stored(json.replace("\"orders\": 40", "\"orders\": 41"), "winner's card")));
		willThrow(new DuplicateKeyException("live_session primary key")).given(this.sessions).add(any());

		assertThatExceptionOfType(SessionConflict.class).isThrownBy(() -> this.ingest.ingest(json));
	}

	@Test
	void invalidRecordIsRejectedBeforeAnyLookUp() {
		assertThatExceptionOfType(InvalidSessionException.class)
			.isThrownBy(() -> this.ingest.ingest(example("invalid-ends-before-start.json")))
			.satisfies((ex) -> assertThat(ex.errors()).extracting("field").containsExactly("endedAt"));
		verify(this.sessions, never()).find(anyString());
	}

	@Test
	void ndjsonLinesAreNumberedFromOneCountingBlankLinesAndAByteOrderMark() throws IOException {
		given(this.sessions.find(anyString())).willReturn(Optional.empty());
		String ndjson = "\uFEFF" + compact(example("clean-session.json")) + "\n\n   \r\n"
				+ compact(example("invalid-ends-before-start.json")) + "\r\n" + "[1, 2]\n";

		BatchSummary summary = this.ingest.ingestLines(lines(ndjson, SessionCodec.MAX_RECORD_LENGTH));

		assertThat(summary.accepted()).isEqualTo(1);
		assertThat(summary.duplicates()).isZero();
		assertThat(summary.rejected()).extracting(BatchSummary.Rejection::line).containsExactly(4L, 5L);
		assertThat(summary.rejected().get(0).sessionId()).isEqualTo("ex-bad-001");
		assertThat(summary.rejected().get(0).error()).startsWith("endedAt: ");
		assertThat(summary.rejected().get(1).sessionId()).isNull();
		assertThat(count("liveguard.sessions.ingested", "path", "batch", "outcome", "stored")).isEqualTo(1);
		assertThat(count("liveguard.sessions.rejected", "path", "batch", "reason", "invalid")).isEqualTo(2);
		assertThat(count("liveguard.sessions.ingested", "path", "single", "outcome", "stored")).isZero();
		// in one chunk: one look-up of its ids, one transaction
		verify(this.store).contentHashes(Set.of("ex-clean-001"));
		verify(this.store).addAll(argThat((added) -> added.size() == 1));
		verify(this.sessions, never()).add(any());
	}

	@Test
	void ndjsonLineThatFailsUnexpectedlyIsReportedAndTheNextLineStillStored() throws IOException {
		given(this.sessions.find(anyString())).willReturn(Optional.empty());
		// the chunk's transaction fails, then its lines are taken one by one: the first
		// fails
		willThrow(new IllegalStateException("disk full")).given(this.store).addAll(any());
		willThrow(new IllegalStateException("disk full")).willDoNothing().given(this.sessions).add(any());
		String ndjson = compact(example("clean-session.json")) + "\n" + compact(example("counterfeit.json")) + "\n";

		BatchSummary summary = this.ingest.ingestLines(lines(ndjson, SessionCodec.MAX_RECORD_LENGTH));

		assertThat(summary.accepted()).isEqualTo(1);
		assertThat(summary.rejected()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.line()).isEqualTo(1);
			assertThat(rejection.sessionId()).isEqualTo("ex-clean-001");
			assertThat(rejection.error()).doesNotContain("disk full");
		});
	}

	@Test
	void ndjsonLineOverTheRecordLimitIsRejectedWithItsNumberAndTheOthersAreStored() throws IOException {
		given(this.sessions.find(anyString())).willReturn(Optional.empty());
		String huge = "{\"sessionId\":\"huge-1\",\"padding\":\"" + "x".repeat(100_000) + "\"}";
		String ndjson = compact(example("clean-session.json")) + "\n" + huge + "\n"
				+ compact(example("counterfeit.json"));

		BatchSummary summary = this.ingest.ingestLines(lines(ndjson, 64 * 1024));

		assertThat(summary.accepted()).isEqualTo(2);
		assertThat(summary.rejected()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.line()).isEqualTo(2);
			assertThat(rejection.sessionId()).isNull();
			assertThat(rejection.error()).contains("longer than the limit of 65536 bytes");
		});
		verify(this.store).addAll(argThat((added) -> added.size() == 2));
	}

	@Test
	void ndjsonLineWithAnIdThatCannotBeShownIsRejectedWithoutEchoingIt() throws IOException {
		String ndjson = compact(example("clean-session.json")).replace("ex-clean-001", "ex\\ud800/001");

		BatchSummary summary = this.ingest.ingestLines(lines(ndjson, SessionCodec.MAX_RECORD_LENGTH));

		assertThat(summary.rejected()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.sessionId()).isNull();
			assertThat(rejection.error()).startsWith("sessionId: ").contains("lone UTF-16 surrogate");
		});
		verify(this.sessions, never()).add(any());
		verify(this.store, never()).addAll(any());
	}

	private static NdjsonLines lines(String ndjson, long limit) {
		return new NdjsonLines(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), limit);
	}

	private static StoredSession stored(String json, String card) {
		LiveSession session = codec.read(json);
		return new StoredSession(session.sessionId(), session.sellerId(), codec.contentHash(session),
				codec.write(session), card);
	}

	private static String compact(String json) {
		return JsonMapper.builder().build().readTree(json).toString();
	}

	static String example(String name) {
		try (InputStream in = SessionIngestTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
