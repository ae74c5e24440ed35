package io.liveguard.web.session;

import java.util.List;
import java.util.Optional;

import io.liveguard.batch.session.SessionStore;
import io.liveguard.batch.session.SessionStore.NewSession;
import io.liveguard.engine.ScoringEngine.HistoryWindow;
import io.liveguard.engine.scoring.SellerHistory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored sessions with their score cards, findings and listed prices. Writing and the
 * price history are the batch module's {@link SessionStore}, which the bulk import
 * shares.
 */
@Repository
class Sessions {

	private static final int RULE_LENGTH = 1000;

	private final JdbcClient jdbc;

	private final SessionStore store;

	Sessions(JdbcClient jdbc, SessionStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	/**
	 * The status of the live with this id, if there is one that has not ended (live.md:
	 * an id is unique across lives and sessions; an ended live's session is stored under
	 * it), as the bulk import checks it.
	 */
	Optional<String> liveStatus(String id) {
		return Optional.ofNullable(this.store.openLiveStatuses(List.of(id)).get(id));
	}

	/** The session with its current score card. */
	Optional<StoredSession> find(String sessionId) {
		return this.jdbc.sql("""
				select s.session_id, s.seller_id, s.content_hash, r.record, c.card
				from live_session s
				join session_record r on r.session_id = s.session_id
				join score_card c on c.session_id = s.session_id and c.is_current = true
				where s.session_id = :sessionId
				""")
			.param("sessionId", sessionId)
			.query((rs, row) -> new StoredSession(rs.getString("session_id"), rs.getString("seller_id"),
					rs.getString("content_hash"), rs.getString("record"), rs.getString("card")))
			.optional();
	}

	/**
	 * The seller's sold prices in {@code window}, as {@link SessionStore#history} reads
	 * them.
	 */
	SellerHistory history(String sellerId, HistoryWindow window) {
		return this.store.history(sellerId, window);
	}

	/**
	 * Stores a new session with its first score card ({@link SessionStore#add}). Call
	 * inside a transaction; a second session with the same id fails with
	 * {@link org.springframework.dao.DuplicateKeyException}.
	 */
	void add(NewSession added) {
		this.store.add(added);
	}

}
