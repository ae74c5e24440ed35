package io.liveguard.batch.rescore;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Re-scores the sessions of a chunk of sellers within the dates, each with its market's
 * pack as the step first saw it (one snapshot per market per step, so a step never mixes
 * versions), and with the seller's price history as ingest gives it. A session whose
 * current card already comes from that pack version is left alone, which also makes a
 * re-run chunk after a restart a no-op for what it already did. Counts go to the step's
 * execution context, which commits with the chunk.
 */
class RescoreWriter implements ItemWriter<String>, StepExecutionListener {

	static final String SELLERS = "sellers";

	static final String SESSIONS = "sessions";

	static final String RESCORED = "rescored";

	static final String CHANGED = "changed";

	private final JdbcClient jdbc;

	private final SessionStore store;

	private final ScoringEngine engine;

	private final SessionCodec codec;

	private final JsonMapper json;

	private final Clock clock;

	private final LocalDate from;

	private final LocalDate to;

	private final Map<String, CompiledPack> packs = new HashMap<>();

	private ExecutionContext counts = new ExecutionContext();

	RescoreWriter(JdbcClient jdbc, SessionStore store, ScoringEngine engine, SessionCodec codec, JsonMapper json,
			Clock clock, LocalDate from, LocalDate to) {
		this.jdbc = jdbc;
		this.store = store;
		this.engine = engine;
		this.codec = codec;
		this.json = json;
		this.clock = clock;
		this.from = from;
		this.to = to;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.counts = stepExecution.getExecutionContext();
	}

	@Override
	public void write(Chunk<? extends String> sellers) {
		List<Stored> sessions = new ArrayList<>();
		this.jdbc.sql("""
				select s.session_id, r.record, c.pack_id, c.pack_version, c.violation_points, s.market
				from live_session s
				join session_record r on r.session_id = s.session_id
				join score_card c on c.session_id = s.session_id and c.is_current = true
				where s.seller_id in (:sellers) and s.seller_id between :first and :last
				  and s.business_date between :from and :to
				order by s.seller_id, s.started_at, s.session_id
				""")
			// the range is redundant but keeps H2 on the seller index (see the penalty
			// run's SellerScope)
			.param("sellers", List.copyOf(sellers.getItems()))
			.param("first", sellers.getItems().stream().min(String::compareTo).orElseThrow())
			.param("last", sellers.getItems().stream().max(String::compareTo).orElseThrow())
			.param("from", this.from)
			.param("to", this.to)
			.query((rs) -> {
				sessions.add(new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
						rs.getString(6)));
			});
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		long rescored = 0;
		long changed = 0;
		for (Stored stored : sessions) {
			CompiledPack pack = this.packs.computeIfAbsent(stored.market(), this.engine.registry()::forMarket);
			if (pack.ref().id().equals(stored.packId()) && pack.ref().version() == stored.packVersion()) {
				continue;
			}
			LiveSession session = this.codec.read(stored.record());
			Set<String> before = codes(stored.sessionId());
			ScoreCard card = pack.score(session,
					this.store.history(session.sellerId(), ScoringEngine.historyWindow(pack, session)), now);
			this.store.replaceCard(card, this.json.writeValueAsString(card));
			rescored++;
			Set<String> after = new TreeSet<>();
			card.findings().forEach((finding) -> after.add(finding.code()));
			if (!before.equals(after) || card.violationPoints() != stored.violationPoints()) {
				changed++;
			}
		}
		increment(SELLERS, sellers.size());
		increment(SESSIONS, sessions.size());
		increment(RESCORED, rescored);
		increment(CHANGED, changed);
	}

	private Set<String> codes(String sessionId) {
		return new TreeSet<>(this.jdbc.sql("""
				select f.code from finding f join score_card c on c.id = f.score_card_id
				where c.session_id = ? and c.is_current = true
				""").param(sessionId).query(String.class).list());
	}

	private void increment(String key, long by) {
		this.counts.putLong(key, this.counts.getLong(key, 0L) + by);
	}

	private record Stored(String sessionId, String record, String packId, int packVersion, int violationPoints,
			String market) {
	}

}
