package io.liveguard.web.live;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.live.SequencedSignal;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored lives (V13): a row per live, its requests of signals, every accepted signal
 * in the order it was judged, and every action. Instants are written as
 * {@link OffsetDateTime} at UTC, which H2 and PostgreSQL both take for
 * {@code timestamp with time zone}. Writes belong in the caller's transaction.
 */
@Repository
class LiveStore {

	private static final String COLUMNS = """
			live_id, seller_id, market, started_at, status, request, answer, pack_id, pack_version, strikes,
			signals_accepted, duplicates, late, actions, batches, last_signal_at, last_viewers, ended_at, score_card
			""";

	private final JdbcClient jdbc;

	LiveStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StoredLive> find(String liveId) {
		return this.jdbc.sql("select " + COLUMNS + " from live where live_id = :liveId")
			.param("liveId", liveId)
			.query(LiveStore::live)
			.optional();
	}

	/**
	 * The live, its row locked until the transaction ends: a live's requests are judged
	 * one at a time, on every node.
	 */
	Optional<StoredLive> lock(String liveId) {
		return this.jdbc.sql("select " + COLUMNS + " from live where live_id = :liveId for update")
			.param("liveId", liveId)
			.query(LiveStore::live)
			.optional();
	}

	/**
	 * Whether a session record with this id was received (a live's id is unique across
	 * both).
	 */
	boolean sessionExists(String id) {
		return this.jdbc.sql("select count(*) from live_session where session_id = :id")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores a checked live; a second one with the same id fails with a duplicate key.
	 */
	void add(StoredLive live, Instant receivedAt) {
		this.jdbc
			.sql("""
					insert into live (live_id, seller_id, market, started_at, status, request, answer, pack_id,
					    pack_version, strikes, signals_accepted, duplicates, late, actions, batches, received_at, last_received_at)
					values (:liveId, :sellerId, :market, :startedAt, :status, :request, :answer, :packId, :packVersion,
					    0, 0, 0, 0, 0, 0, :receivedAt, :receivedAt)
					""")
			.param("liveId", live.liveId())
			.param("sellerId", live.sellerId())
			.param("market", live.market())
			.param("startedAt", utc(live.startedAt()))
			.param("status", live.status().name())
			.param("request", live.request())
			.param("answer", live.answer())
			.param("packId", live.packId())
			.param("packVersion", live.packVersion())
			.param("receivedAt", utc(receivedAt))
			.update();
	}

	/** Which of {@code seqs} the live has received before. */
	List<Long> seen(String liveId, List<Long> seqs) {
		if (seqs.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("select seq from live_signal where live_id = :liveId and seq in (:seqs)")
			.param("liveId", liveId)
			.param("seqs", seqs)
			.query(Long.class)
			.list();
	}

	void addBatch(String liveId, int n, @Nullable Long viewers, Instant receivedAt) {
		this.jdbc.sql("insert into live_batch (live_id, n, viewers, received_at) values (:liveId, :n, :viewers, :at)")
			.param("liveId", liveId)
			.param("n", n)
			.param("viewers", viewers)
			.param("at", utc(receivedAt))
			.update();
	}

	void addSignal(String liveId, int arrival, int batch, SequencedSignal signal, String json, boolean late) {
		this.jdbc.sql("""
				insert into live_signal (live_id, arrival, batch, seq, signal_at, signal_json, late)
				values (:liveId, :arrival, :batch, :seq, :at, :json, :late)
				""")
			.param("liveId", liveId)
			.param("arrival", arrival)
			.param("batch", batch)
			.param("seq", signal.seq())
			.param("at", utc(signal.signal().at()))
			.param("json", json)
			.param("late", late)
			.update();
	}

	void addAction(String liveId, int n, String actionId, String level, String code, Instant at, String json) {
		this.jdbc.sql("""
				insert into live_action (live_id, n, action_id, action_level, code, action_at, action_json)
				values (:liveId, :n, :actionId, :level, :code, :at, :json)
				""")
			.param("liveId", liveId)
			.param("n", n)
			.param("actionId", actionId)
			.param("level", level)
			.param("code", code)
			.param("at", utc(at))
			.param("json", json)
			.update();
	}

	/** The live's counters after a request of signals. */
	void update(String liveId, LiveStatus status, int strikes, int accepted, int duplicates, int late, int actions,
			int batches, @Nullable Instant lastSignalAt, @Nullable Long lastViewers, Instant receivedAt) {
		this.jdbc.sql("""
				update live set status = :status, strikes = :strikes, signals_accepted = :accepted,
				    duplicates = :duplicates, late = :late, actions = :actions, batches = :batches,
				    last_signal_at = :lastSignalAt, last_viewers = :lastViewers, last_received_at = :receivedAt
				where live_id = :liveId
				""")
			.param("liveId", liveId)
			.param("status", status.name())
			.param("strikes", strikes)
			.param("accepted", accepted)
			.param("duplicates", duplicates)
			.param("late", late)
			.param("actions", actions)
			.param("batches", batches)
			.param("lastSignalAt", (lastSignalAt != null) ? utc(lastSignalAt) : null)
			.param("lastViewers", lastViewers)
			.param("receivedAt", utc(receivedAt))
			.update();
	}

	void end(String liveId, Instant endedAt, String scoreCard) {
		this.jdbc
			.sql("update live set status = 'ENDED', ended_at = :endedAt, score_card = :card where live_id = :liveId")
			.param("liveId", liveId)
			.param("endedAt", utc(endedAt))
			.param("card", scoreCard)
			.update();
	}

	/**
	 * The live's requests of signals after its first {@code judged} ones, in arrival
	 * order, each with its signals in the order they were judged: what a decider that
	 * judged the first {@code judged} requests, and so accepted the first
	 * {@code accepted} signals, replays to stand where the live does (a fresh one from 0
	 * and 0).
	 */
	List<Batch> batches(String liveId, int judged, int accepted) {
		Map<Integer, Batch> batches = new LinkedHashMap<>();
		this.jdbc.sql("select n, viewers from live_batch where live_id = :liveId and n > :judged order by n")
			.param("liveId", liveId)
			.param("judged", judged)
			.query((rs) -> {
				long viewers = rs.getLong("viewers");
				batches.put(rs.getInt("n"), new Batch(rs.wasNull() ? null : viewers, new ArrayList<>()));
			});
		// arrival for the primary key's range, batch in case the two disagree
		this.jdbc.sql("""
				select batch, seq, signal_json from live_signal
				where live_id = :liveId and arrival > :accepted and batch > :judged order by arrival
				""").param("liveId", liveId).param("accepted", accepted).param("judged", judged).query((rs) -> {
			Batch batch = batches.get(rs.getInt("batch"));
			if (batch == null) {
				throw new IllegalStateException(
						"Live " + liveId + " has a signal of request " + rs.getInt("batch") + ", which is not stored");
			}
			batch.signals().add(new Batch.Stored(rs.getLong("seq"), rs.getString("signal_json")));
		});
		return List.copyOf(batches.values());
	}

	/** The JSON of every accepted signal, late ones too, in arrival order. */
	List<String> signals(String liveId) {
		return this.jdbc.sql("select signal_json from live_signal where live_id = :liveId order by arrival")
			.param("liveId", liveId)
			.query(String.class)
			.list();
	}

	/** The JSON of the live's actions in order. */
	List<String> actions(String liveId) {
		return this.jdbc.sql("select action_json from live_action where live_id = :liveId order by n")
			.param("liveId", liveId)
			.query(String.class)
			.list();
	}

	/** The lives in {@code status}, oldest start first, at most {@code limit}. */
	List<StoredLive> withStatus(LiveStatus status, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from live where status = :status order by started_at, live_id")
			.param("status", status.name())
			.withMaxRows(limit)
			.query(LiveStore::live)
			.list();
	}

	/** How many lives are in {@code status} (an index on status serves it). */
	long count(LiveStatus status) {
		return this.jdbc.sql("select count(*) from live where status = :status")
			.param("status", status.name())
			.query(Long.class)
			.single();
	}

	/**
	 * Lives not yet ended that received nothing since before {@code before}, the longest
	 * idle first, at most {@code limit}.
	 */
	List<String> idleSince(Instant before, int limit) {
		return this.jdbc.sql("""
				select live_id from live where status in ('OPEN', 'STOPPED') and last_received_at < :before
				order by last_received_at, live_id
				""").param("before", utc(before)).withMaxRows(limit).query(String.class).list();
	}

	/** When the live's go-live check or its last request of signals arrived. */
	Instant lastReceivedAt(String liveId) {
		return this.jdbc.sql("select last_received_at from live where live_id = :liveId")
			.param("liveId", liveId)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
	}

	/** A page of the seller's lives, newest start first. */
	List<StoredLive> ofSeller(String sellerId, int page, int size) {
		return this.jdbc.sql("select " + COLUMNS
				+ " from live where seller_id = :sellerId order by started_at desc, live_id desc offset :offset rows fetch next :size rows only")
			.param("sellerId", sellerId)
			.param("offset", (long) page * size)
			.param("size", size)
			.query(LiveStore::live)
			.list();
	}

	long countOfSeller(String sellerId) {
		return this.jdbc.sql("select count(*) from live where seller_id = :sellerId")
			.param("sellerId", sellerId)
			.query(Long.class)
			.single();
	}

	/**
	 * The JSON of the last action of each of {@code liveIds} that has one, for the live
	 * console.
	 */
	Map<String, String> lastActions(List<String> liveIds) {
		if (liveIds.isEmpty()) {
			return Map.of();
		}
		Map<String, String> last = new LinkedHashMap<>();
		this.jdbc.sql("""
				select a.live_id, a.action_json from live_action a
				where a.live_id in (:liveIds)
				  and a.n = (select max(b.n) from live_action b where b.live_id = a.live_id)
				""").param("liveIds", liveIds).query((rs) -> {
			last.put(rs.getString("live_id"), rs.getString("action_json"));
		});
		return last;
	}

	/**
	 * The live's accepted signals in arrival order with their seq and whether they were
	 * late, at most {@code limit} (the first ones), for a live's page.
	 */
	List<Arrived> arrived(String liveId, int limit) {
		return this.jdbc.sql("select seq, late, signal_json from live_signal where live_id = :liveId order by arrival")
			.param("liveId", liveId)
			.withMaxRows(limit)
			.query((rs, row) -> new Arrived(rs.getLong("seq"), rs.getBoolean("late"), rs.getString("signal_json")))
			.list();
	}

	/**
	 * A stored signal as a live's page shows it.
	 *
	 * @param seq its seq
	 * @param late whether it was late
	 * @param json the session-record signal
	 */
	record Arrived(long seq, boolean late, String json) {
	}

	private static StoredLive live(ResultSet rs, int row) throws SQLException {
		long viewers = rs.getLong("last_viewers");
		Long lastViewers = rs.wasNull() ? null : viewers;
		return new StoredLive(rs.getString("live_id"), rs.getString("seller_id"), rs.getString("market"),
				instant(rs, "started_at"), LiveStatus.valueOf(rs.getString("status")), rs.getString("request"),
				rs.getString("answer"), rs.getString("pack_id"), rs.getInt("pack_version"), rs.getInt("strikes"),
				rs.getInt("signals_accepted"), rs.getInt("duplicates"), rs.getInt("late"), rs.getInt("actions"),
				rs.getInt("batches"), instant(rs, "last_signal_at"), lastViewers, instant(rs, "ended_at"),
				rs.getString("score_card"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A stored request of signals.
	 *
	 * @param viewers the viewers it sent, if any
	 * @param signals its accepted signals in the order they were judged
	 */
	record Batch(@Nullable Long viewers, List<Stored> signals) {

		/**
		 * A stored signal.
		 *
		 * @param seq its seq
		 * @param json the session-record signal
		 */
		record Stored(long seq, String json) {
		}

	}

}
