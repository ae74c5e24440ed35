package io.liveguard.batch.sessionimport;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.liveguard.batch.penalty.Quarantine;
import io.liveguard.batch.session.ChunkArrivals;
import io.liveguard.batch.session.ChunkHistories;
import io.liveguard.batch.session.SessionMeters;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Scores and stores a chunk of lines in the chunk's transaction, with JDBC batches.
 * <ul>
 * <li>A session id already stored (or earlier in the file) with the same content hash is
 * a duplicate and skipped; with other content it is a conflict and goes to the
 * quarantine.</li>
 * <li>The id of a live that has not ended (OPEN, STOPPED or REFUSED) and is no stored
 * session is a conflict too, as {@code POST /api/v1/sessions} answers it with 409: an id
 * is unique across lives and sessions (live.md), and a live becomes a session when it
 * ends.</li>
 * <li>Each new session is scored with its market's active rule pack, taken once per step
 * so one step never mixes pack versions, and with the seller's price history as the API
 * gives it: the stored sessions (one query per chunk) plus the sessions of this chunk on
 * earlier lines. Earlier chunks are committed by then, so every session sees all sessions
 * on earlier lines of the file, exactly as if the file had been sent line by line to
 * {@code POST /api/v1/sessions}.</li>
 * <li>Refused lines and conflicts go to the quarantine in the same transaction, so a
 * chunk rolled back and read again after a restart never quarantines a line twice.</li>
 * <li>A session the rule pack fails on goes to the quarantine too; a database failure
 * fails the chunk, and the step, which can then be restarted.</li>
 * </ul>
 * Counts are kept as an {@link ItemStream}: they reach the step's execution context only
 * when a chunk commits, so a restarted import counts on from the last committed chunk.
 * The {@link SessionMeters} count a chunk's sessions once it commits, too (the scoring
 * time and findings as they are scored).
 */
class SessionImportWriter implements ItemWriter<ImportLine>, ItemStream {

	static final String STORED = "import.stored";

	static final String DUPLICATES = "import.duplicates";

	static final String QUARANTINED = "import.quarantined";

	static final String CONFLICT = "conflict: session id already stored with different content";

	/** The reason a line with the id of a live in {@code status} is quarantined. */
	static String liveConflict(String sessionId, String status) {
		return "conflict: session id " + SessionStore.liveIdTaken(sessionId, status);
	}

	private static final Logger logger = LoggerFactory.getLogger(SessionImportWriter.class);

	private final SessionStore store;

	private final ScoringEngine engine;

	private final Quarantine quarantine;

	private final JsonMapper json;

	private final Clock clock;

	private final SessionMeters meters;

	private final long importId;

	private final Map<String, CompiledPack> packs = new ConcurrentHashMap<>();

	private long stored;

	private long duplicates;

	private long quarantined;

	/** What the chunk being written adds to the meters once it commits. */
	private Pending pending = new Pending();

	SessionImportWriter(SessionStore store, ScoringEngine engine, Quarantine quarantine, JsonMapper json, Clock clock,
			SessionMeters meters, long importId) {
		this.store = store;
		this.engine = engine;
		this.quarantine = quarantine;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
		this.importId = importId;
	}

	@Override
	public void open(ExecutionContext context) {
		this.stored = context.getLong(STORED, 0L);
		this.duplicates = context.getLong(DUPLICATES, 0L);
		this.quarantined = context.getLong(QUARANTINED, 0L);
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(STORED, this.stored);
		context.putLong(DUPLICATES, this.duplicates);
		context.putLong(QUARANTINED, this.quarantined);
	}

	@Override
	public void write(Chunk<? extends ImportLine> chunk) {
		Pending counts = new Pending();
		this.pending = counts;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					counts.addTo(SessionImportWriter.this.meters);
				}
			});
		}
		else {
			counts.immediate = true;
		}
		try {
			writeChunk(chunk);
		}
		finally {
			if (counts.immediate) {
				counts.addTo(this.meters);
			}
		}
	}

	private void writeChunk(Chunk<? extends ImportLine> chunk) {
		List<ImportLine.Parsed> fresh = newSessions(chunk);
		// millisecond precision, so the stored card and the database column agree (as in
		// the API)
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		// a session's history needs the prices of the earlier ones, not their scores:
		// histories in file order, then the scoring (most of the work) on every core
		ChunkHistories prior = ChunkHistories.read(this.store, sessions(fresh), this::pack);
		List<SellerHistory> histories = new ArrayList<>(fresh.size());
		for (ImportLine.Parsed line : fresh) {
			histories.add(prior.next(line.session()));
		}
		List<Scored> results = IntStream.range(0, fresh.size())
			.parallel()
			.mapToObj((i) -> score(fresh.get(i).session(), histories.get(i), now))
			.toList();
		if (results.stream().anyMatch((result) -> result.failure() != null)) {
			// rare: a session the pack fails on is quarantined and its prices are no
			// history for later ones
			storeOneByOne(fresh, ChunkHistories.read(this.store, sessions(fresh), this::pack), now);
			return;
		}
		List<SessionStore.NewSession> scored = new ArrayList<>(fresh.size());
		for (int i = 0; i < fresh.size(); i++) {
			ImportLine.Parsed line = fresh.get(i);
			scored.add(new SessionStore.NewSession(line.session(), line.record(), line.contentHash(),
					results.get(i).card(), results.get(i).json(), now));
		}
		this.store.addAll(scored);
		this.stored += scored.size();
		this.pending.stored += scored.size();
	}

	private void storeOneByOne(List<ImportLine.Parsed> fresh, ChunkHistories chunk, Instant now) {
		List<SessionStore.NewSession> scored = new ArrayList<>(fresh.size());
		for (ImportLine.Parsed line : fresh) {
			LiveSession session = line.session();
			Scored result = score(session, chunk.history(session, ScoringEngine.historyWindow(pack(session), session)),
					now);
			RuntimeException failure = result.failure();
			if (failure != null) {
				logger.warn("Import {}: line {} (session {}) could not be scored", this.importId, line.number(),
						session.sessionId(), failure);
				quarantine(
						line.number(), session.sessionId(), "could not be scored by " + pack(session).ref() + ": "
								+ failure.getClass().getSimpleName() + ": " + failure.getMessage(),
						SessionMeters.Rejection.UNSCORABLE);
				continue;
			}
			scored.add(new SessionStore.NewSession(session, line.record(), line.contentHash(), result.card(),
					result.json(), now));
			chunk.add(session);
		}
		this.store.addAll(scored);
		this.stored += scored.size();
		this.pending.stored += scored.size();
	}

	private Scored score(LiveSession session, SellerHistory history, Instant now) {
		try {
			ScoreCard card = this.meters.score(pack(session), session, history, now);
			return new Scored(card, this.json.writeValueAsString(card), null);
		}
		catch (RuntimeException ex) {
			return new Scored(null, null, ex);
		}
	}

	/**
	 * The chunk's sessions to store, in file order; duplicates counted, the rest
	 * quarantined.
	 */
	private List<ImportLine.Parsed> newSessions(Chunk<? extends ImportLine> chunk) {
		List<ImportLine.Parsed> parsed = new ArrayList<>();
		for (ImportLine line : chunk) {
			if (line instanceof ImportLine.Parsed read) {
				parsed.add(read);
			}
		}
		Iterator<ChunkArrivals.Arrival> arrivals = ChunkArrivals
			.of(this.store, parsed, (line) -> line.session().sessionId(), ImportLine.Parsed::contentHash)
			.iterator();
		List<ImportLine.Parsed> fresh = new ArrayList<>();
		for (ImportLine line : chunk) {
			if (line instanceof ImportLine.Rejected rejected) {
				quarantine(rejected.number(), rejected.sessionId(), rejected.reason(), rejected.kind());
			}
			else if (line instanceof ImportLine.Parsed read) {
				String id = read.session().sessionId();
				ChunkArrivals.Arrival arrival = arrivals.next();
				switch (arrival.kind()) {
					case NEW -> fresh.add(read);
					case DUPLICATE -> {
						this.duplicates++;
						this.pending.duplicates++;
					}
					case CONFLICT -> quarantine(read.number(), id, CONFLICT, SessionMeters.Rejection.CONFLICT);
					case LIVE_CONFLICT ->
						quarantine(read.number(), id, liveConflict(id, Objects.requireNonNull(arrival.liveStatus())),
								SessionMeters.Rejection.CONFLICT);
				}
			}
		}
		return fresh;
	}

	private static List<LiveSession> sessions(List<ImportLine.Parsed> lines) {
		return lines.stream().map(ImportLine.Parsed::session).toList();
	}

	private CompiledPack pack(LiveSession session) {
		return this.packs.computeIfAbsent(session.market(), (market) -> this.engine.packFor(session));
	}

	private record Scored(@Nullable ScoreCard card, @Nullable String json, @Nullable RuntimeException failure) {
	}

	private void quarantine(long number, @Nullable String sessionId, String reason, SessionMeters.Rejection kind) {
		this.quarantine.record(SessionImportJobConfiguration.JOB_NAME, this.importId,
				ImportLine.itemKey(number, sessionId), reason);
		this.quarantined++;
		this.pending.rejected[kind.ordinal()]++;
	}

	/** A chunk's counts for the meters, added when it commits. */
	private static final class Pending {

		long stored;

		long duplicates;

		final long[] rejected = new long[SessionMeters.Rejection.values().length];

		/** No transaction to wait for: added when the chunk is written. */
		boolean immediate;

		void addTo(SessionMeters meters) {
			meters.stored(SessionMeters.Path.IMPORT, this.stored);
			meters.duplicates(SessionMeters.Path.IMPORT, this.duplicates);
			for (SessionMeters.Rejection kind : SessionMeters.Rejection.values()) {
				meters.rejected(SessionMeters.Path.IMPORT, kind, this.rejected[kind.ordinal()]);
			}
		}

	}

}
