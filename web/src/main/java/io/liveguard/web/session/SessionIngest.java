package io.liveguard.web.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

	private final SessionCodec codec;

	private final ScoringEngine engine;

	private final Sessions sessions;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final SessionMeters meters;

	SessionIngest(SessionCodec codec, ScoringEngine engine, Sessions sessions, TransactionTemplate transactions,
			JsonMapper json, Clock clock, SessionMeters meters) {
		this.codec = codec;
		this.engine = engine;
		this.sessions = sessions;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.meters = meters;
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
	 * lines are numbered from 1.
	 */
	BatchSummary ingestLines(NdjsonLines lines) throws IOException {
		int accepted = 0;
		int duplicates = 0;
		List<BatchSummary.Rejection> rejected = new ArrayList<>();
		NdjsonLines.Line next;
		while ((next = lines.next()) != null) {
			long number = next.number();
			if (!(next instanceof NdjsonLines.Text text)) {
				rejected.add(new BatchSummary.Rejection(number, null, ((NdjsonLines.TooLong) next).reason()));
				this.meters.rejected(SessionMeters.Path.BATCH, SessionMeters.Rejection.TOO_LONG, 1);
				continue;
			}
			String line = text.text();
			try {
				if (ingest(line, SessionMeters.Path.BATCH).created()) {
					accepted++;
				}
				else {
					duplicates++;
				}
			}
			catch (InvalidSessionException ex) {
				rejected.add(new BatchSummary.Rejection(number, sessionIdOf(line), ex.getMessage()));
			}
			catch (SessionConflict ex) {
				rejected.add(new BatchSummary.Rejection(number, sessionIdOf(line), ex.detail()));
			}
			catch (RuntimeException ex) {
				log.error("NDJSON line {} could not be stored", number, ex);
				rejected.add(new BatchSummary.Rejection(number, sessionIdOf(line),
						"could not be stored: an unexpected error occurred; it has been logged"));
			}
		}
		return new BatchSummary(accepted, duplicates, rejected);
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
