package io.liveguard.web.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

import io.liveguard.batch.session.ChunkArrivals;
import io.liveguard.batch.session.ChunkHistories;
import io.liveguard.batch.session.SessionMeters;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.Ids;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.NdjsonLines;
import io.liveguard.engine.session.SessionCodec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives session records: parses and validates them with the engine's
 * {@link SessionCodec}, scores new ones with their market's active rule pack, and stores
 * each in one transaction. A record whose id was seen before is answered from storage:
 * the same content gets the stored card, different content a conflict. Two requests
 * racing with the same id are settled by the primary key. Lives end through here too
 * (live.md), so a live's record is scored and stored exactly as the same record sent to
 * {@code POST /api/v1/sessions}. Every record is counted by the {@link SessionMeters}:
 * stored, duplicate or rejected (with the reason), by the path it came by; new sessions'
 * scoring is timed.
 */
@Service
public class SessionIngest {

	private static final Logger log = LoggerFactory.getLogger(SessionIngest.class);

	/** Lines an NDJSON chunk holds at most. */
	static final int CHUNK_LINES = 500;

	/**
	 * Characters after which an NDJSON chunk is taken: one holds at most this and a line.
	 */
	static final int CHUNK_CHARS = 4 * 1024 * 1024;

	private final SessionCodec codec;

	private final ScoringEngine engine;

	private final Sessions sessions;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final SessionMeters meters;

	private final SessionStore store;

	SessionIngest(SessionCodec codec, ScoringEngine engine, Sessions sessions, TransactionTemplate transactions,
			JsonMapper json, Clock clock, SessionMeters meters, SessionStore store) {
		this.codec = codec;
		this.engine = engine;
		this.sessions = sessions;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
		this.store = store;
	}

	/**
	 * Ingests one session record sent on its own ({@code POST /api/v1/sessions}).
	 * @throws InvalidSessionException when the record does not follow the session format;
	 * nothing is stored
	 * @throws SessionConflict when its id was received before with different content, or
	 * is a live's that has not ended (OPEN, STOPPED or REFUSED)
	 */
	public IngestResult ingest(String body) {
		return ingest(body, SessionMeters.Path.SINGLE);
	}

	/**
	 * Ingests one session record that came by {@code path}; the record of a live that
	 * ended ({@link SessionMeters.Path#LIVE}) is the only one that may have a live's id.
	 * @throws InvalidSessionException when the record does not follow the session format;
	 * nothing is stored
	 * @throws SessionConflict when its id was received before with different content, or
	 * is a live's that has not ended (OPEN, STOPPED or REFUSED)
	 */
	public IngestResult ingest(String body, SessionMeters.Path path) {
		IngestResult result;
		try {
			result = receive(body, path == SessionMeters.Path.LIVE);
		}
		catch (InvalidSessionException ex) {
			this.meters.rejected(path, SessionMeters.Rejection.INVALID, 1);
			throw ex;
		}
		catch (SessionConflict ex) {
			this.meters.rejected(path, SessionMeters.Rejection.CONFLICT, 1);
			throw ex;
		}
		catch (RuntimeException ex) {
			this.meters.rejected(path, SessionMeters.Rejection.ERROR, 1);
			throw ex;
		}
		counted(path, result);
		return result;
	}

	private void counted(SessionMeters.Path path, IngestResult result) {
		if (result.created()) {
			this.meters.stored(path, 1);
		}
		else {
			this.meters.duplicates(path, 1);
		}
	}

	private IngestResult receive(String body, boolean endOfLive) {
		LiveSession session = this.codec.read(body);
		String record = this.codec.write(session);
		String contentHash = this.codec.contentHash(session);
		CompiledPack pack = this.engine.packFor(session);
		Optional<StoredSession> stored = this.sessions.find(session.sessionId());
		if (stored.isPresent()) {
			return repeat(stored.get(), contentHash);
		}
		if (!endOfLive) {
			Optional<String> live = this.sessions.liveStatus(session.sessionId());
			if (live.isPresent()) {
				throw SessionConflict.live(session.sessionId(), live.get());
			}
		}
		try {
			return Objects
				.requireNonNull(this.transactions.execute((status) -> store(session, record, contentHash, pack)));
		}
		catch (DuplicateKeyException ex) {
			// another request stored the same id between our look-up and our insert
			log.debug("Session {} was stored meanwhile by a concurrent request", session.sessionId());
			return repeat(this.sessions.find(session.sessionId()).orElseThrow(() -> ex), contentHash);
		}
	}

	/**
	 * Ingests NDJSON, one record a line, each line on its own: a bad line, or one over
	 * the record limit, is reported and never stops the others. Blank lines are skipped;
	 * lines are numbered from 1. The lines are taken in chunks ({@value #CHUNK_LINES}
	 * lines, or {@value #CHUNK_CHARS} characters) with the bulk import's reading of a
	 * chunk: one look-up of the chunk's ids, the sellers' stored prices read once (and
	 * each line's history adding the chunk's earlier lines, as if they had come one by
	 * one), the scoring on every core, and the new sessions stored in one transaction of
	 * JDBC batches. A chunk that meets anything else (a rule pack failing on a session, a
	 * concurrent request storing one of its ids) is taken again line by line.
	 */
	BatchSummary ingestLines(NdjsonLines lines) throws IOException {
		Tally tally = new Tally();
		List<NdjsonLines.Text> chunk = new ArrayList<>();
		long chars = 0;
		NdjsonLines.Line next;
		while ((next = lines.next()) != null) {
			if (!(next instanceof NdjsonLines.Text text)) {
				tally.rejected
					.add(new BatchSummary.Rejection(next.number(), null, ((NdjsonLines.TooLong) next).reason()));
				this.meters.rejected(SessionMeters.Path.BATCH, SessionMeters.Rejection.TOO_LONG, 1);
				continue;
			}
			chunk.add(text);
			chars += text.text().length();
			if (chunk.size() >= CHUNK_LINES || chars >= CHUNK_CHARS) {
				ingestChunk(chunk, tally);
				chunk = new ArrayList<>();
				chars = 0;
			}
		}
		ingestChunk(chunk, tally);
		tally.rejected.sort(Comparator.comparingLong(BatchSummary.Rejection::line));
		return new BatchSummary(tally.accepted, tally.duplicates, tally.rejected);
	}

	private void ingestChunk(List<NdjsonLines.Text> lines, Tally tally) {
		if (lines.isEmpty()) {
			return;
		}
		List<Parsed> parsed = new ArrayList<>(lines.size());
		for (NdjsonLines.Text line : lines) {
			try {
				LiveSession session = this.codec.read(line.text());
				parsed.add(new Parsed(line, session, this.codec.write(session), this.codec.contentHash(session),
						this.engine.packFor(session)));
			}
			catch (InvalidSessionException ex) {
				this.meters.rejected(SessionMeters.Path.BATCH, SessionMeters.Rejection.INVALID, 1);
				tally.rejected
					.add(new BatchSummary.Rejection(line.number(), sessionIdOf(line.text()), ex.getMessage()));
			}
			catch (RuntimeException ex) {
				// not the common case: that line goes the single way, and reports as that
				// does
				parsed.add(new Parsed(line, null, null, null, null));
			}
		}
		List<Parsed> fresh = new ArrayList<>();
		List<NdjsonLines.Text> oneByOne = new ArrayList<>();
		List<Parsed> read = new ArrayList<>();
		for (Parsed line : parsed) {
			if (line.session() != null) {
				read.add(line);
			}
			else {
				oneByOne.add(line.line());
			}
		}
		List<ChunkArrivals.Arrival> arrivals = ChunkArrivals.of(this.store, read, (line) -> line.session().sessionId(),
				Parsed::contentHash);
		for (int i = 0; i < read.size(); i++) {
			Parsed line = read.get(i);
			String id = line.session().sessionId();
			ChunkArrivals.Arrival arrival = arrivals.get(i);
			switch (arrival.kind()) {
				case NEW -> fresh.add(line);
				case DUPLICATE -> {
					this.meters.duplicates(SessionMeters.Path.BATCH, 1);
					tally.duplicates++;
				}
				case CONFLICT -> reject(line, new SessionConflict(id), tally);
				case LIVE_CONFLICT ->
					reject(line, SessionConflict.live(id, Objects.requireNonNull(arrival.liveStatus())), tally);
			}
		}
		if (!storeChunk(fresh)) {
			fresh.forEach((line) -> oneByOne.add(line.line()));
		}
		else {
			this.meters.stored(SessionMeters.Path.BATCH, fresh.size());
			tally.accepted += fresh.size();
		}
		oneByOne.sort(Comparator.comparingLong(NdjsonLines.Text::number));
		for (NdjsonLines.Text line : oneByOne) {
			ingestOne(line, tally);
		}
	}

	/**
	 * Scores the chunk's new sessions (histories in line order, scoring on every core)
	 * and stores them in one transaction; false, with nothing stored, when a pack failed
	 * on one, an id was stored meanwhile or the database failed.
	 */
	private boolean storeChunk(List<Parsed> fresh) {
		if (fresh.isEmpty()) {
			return true;
		}
		List<LiveSession> sessions = fresh.stream().map(Parsed::session).toList();
		Map<String, CompiledPack> packs = new HashMap<>();
		fresh.forEach((line) -> packs.put(line.session().sessionId(), line.pack()));
		ChunkHistories prior = ChunkHistories.read(this.store, sessions, (session) -> packs.get(session.sessionId()));
		List<SellerHistory> histories = sessions.stream().map(prior::next).toList();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		List<SessionStore.NewSession> scored;
		try {
			scored = IntStream.range(0, fresh.size()).parallel().mapToObj((i) -> {
				Parsed line = fresh.get(i);
				ScoreCard card = this.meters.score(line.pack(), line.session(), histories.get(i), now);
				return new SessionStore.NewSession(line.session(), line.record(), line.contentHash(), card,
						this.json.writeValueAsString(card), now);
			}).toList();
		}
		catch (RuntimeException ex) {
			log.debug("A rule pack failed on a session of an NDJSON chunk; taking its lines one by one", ex);
			return false;
		}
		try {
			this.transactions.execute((status) -> {
				this.store.addAll(scored);
				return Boolean.TRUE;
			});
			return true;
		}
		catch (DuplicateKeyException ex) {
			log.debug("A session of an NDJSON chunk was stored meanwhile; taking its lines one by one", ex);
			return false;
		}
		catch (RuntimeException ex) {
			// each line then reports its own outcome
			log.warn("An NDJSON chunk of {} new sessions could not be stored; taking its lines one by one",
					fresh.size(), ex);
			return false;
		}
	}

	private void reject(Parsed line, SessionConflict conflict, Tally tally) {
		this.meters.rejected(SessionMeters.Path.BATCH, SessionMeters.Rejection.CONFLICT, 1);
		tally.rejected
			.add(new BatchSummary.Rejection(line.line().number(), line.session().sessionId(), conflict.detail()));
	}

	/** One line on its own, as {@code POST /api/v1/sessions} takes a record. */
	private void ingestOne(NdjsonLines.Text text, Tally tally) {
		long number = text.number();
		String line = text.text();
		try {
			if (ingest(line, SessionMeters.Path.BATCH).created()) {
				tally.accepted++;
			}
			else {
				tally.duplicates++;
			}
		}
		catch (InvalidSessionException ex) {
			tally.rejected.add(new BatchSummary.Rejection(number, sessionIdOf(line), ex.getMessage()));
		}
		catch (SessionConflict ex) {
			tally.rejected.add(new BatchSummary.Rejection(number, sessionIdOf(line), ex.detail()));
		}
		catch (RuntimeException ex) {
			log.error("NDJSON line {} could not be stored", number, ex);
			tally.rejected.add(new BatchSummary.Rejection(number, sessionIdOf(line),
					"could not be stored: an unexpected error occurred; it has been logged"));
		}
	}

	/**
	 * A line of a chunk, read; all null but the line when reading it failed unexpectedly.
	 */
	private record Parsed(NdjsonLines.Text line, @Nullable LiveSession session, @Nullable String record,
			@Nullable String contentHash, @Nullable CompiledPack pack) {
	}

	/** What became of a batch's lines so far. */
	private static final class Tally {

		int accepted;

		int duplicates;

		final List<BatchSummary.Rejection> rejected = new ArrayList<>();

	}

	private IngestResult store(LiveSession session, String record, String contentHash, CompiledPack pack) {
		SellerHistory history = this.sessions.history(session.sellerId(), ScoringEngine.historyWindow(pack, session));
		// millisecond precision, so the served card and the database column agree
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		ScoreCard card = this.meters.score(pack, session, history, now);
		String cardJson = this.json.writeValueAsString(card);
		this.sessions.add(new SessionStore.NewSession(session, record, contentHash, card, cardJson, now));
		log.debug("Stored session {} scored by {}: content score {}, {} violation points", session.sessionId(),
				card.rulePack(), card.contentScore(), card.violationPoints());
		return new IngestResult(session.sessionId(), true, cardJson);
	}

	private static IngestResult repeat(StoredSession stored, String contentHash) {
		if (!stored.contentHash().equals(contentHash)) {
			throw new SessionConflict(stored.sessionId());
		}
		return new IngestResult(stored.sessionId(), false, stored.scoreCard());
	}

	private @Nullable String sessionIdOf(String line) {
		try {
			JsonNode id = this.codec.mapper().readTree(line).get("sessionId");
			// only an id that can be shown back: not a lone surrogate or 4 MiB of text
			return (id != null && id.isString() && Ids.isValid(id.asString())) ? id.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
