package io.liveguard.web.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.liveguard.engine.ScoringEngine.HistoryWindow;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.Product;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The stored sessions with their score cards, findings and listed prices. Instants are written as
 * {@link OffsetDateTime} at UTC, which H2 and PostgreSQL both take for {@code timestamp with time zone}.
 */
@Repository
class Sessions {

	private static final int RULE_LENGTH = 1000;

	private final JdbcClient jdbc;

	Sessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
					rs.getString("content_hash"),
					rs.getString("record"), rs.getString("card")))
			.optional();
	}

	/**
	 * The seller's prices in earlier sessions that had orders, started within {@code window}: the
	 * history {@code FAKE_DISCOUNT} compares list prices with.
	 */
	SellerHistory history(String sellerId, HistoryWindow window) {
		if (window.isEmpty()) {
			return SellerHistory.NONE;
		}
		List<SellerHistory.PriorSale> sales = this.jdbc.sql("""
				select session_id, started_at, sku, live_price
				from listed_price
				where seller_id = :sellerId and sold = true and started_at >= :from and started_at < :to
				order by started_at, session_id, sku
				""")
			.param("sellerId", sellerId)
			.param("from", utc(window.from()))
			.param("to", utc(window.to()))
			.query((rs, row) -> new SellerHistory.PriorSale(rs.getString("session_id"),
					rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getString("sku"),
					rs.getLong("live_price")))
			.list();
		return new SellerHistory(sales);
	}

	/**
	 * Stores a new session with its first score card, the card's findings and the session's listed
	 * prices. Call inside a transaction; a second session with the same id fails with
	 * {@link org.springframework.dao.DuplicateKeyException}.
	 */
	void add(NewSession added) {
		LiveSession session = added.session();
		ScoreCard card = added.card();
		this.jdbc.sql("""
				insert into live_session (session_id, seller_id, market, started_at, ended_at, business_date,
				    content_hash, received_at, content_score, violation_points)
				values (:sessionId, :sellerId, :market, :startedAt, :endedAt, :businessDate,
				    :contentHash, :receivedAt, :contentScore, :violationPoints)
				""")
			.param("sessionId", session.sessionId())
			.param("sellerId", session.sellerId())
			.param("market", session.market())
			.param("startedAt", utc(session.startedAt()))
			.param("endedAt", utc(session.endedAt()))
			.param("businessDate", card.businessDate())
			.param("contentHash", added.contentHash())
			.param("receivedAt", utc(added.receivedAt()))
			.param("contentScore", card.contentScore())
			.param("violationPoints", card.violationPoints())
			.update();
		this.jdbc.sql("insert into session_record (session_id, record) values (:sessionId, :record)")
			.param("sessionId", session.sessionId())
			.param("record", added.record())
			.update();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into score_card (session_id, pack_id, pack_version, content_score, violation_points,
				    is_current, card, scored_at)
				values (:sessionId, :packId, :packVersion, :contentScore, :violationPoints, true, :card, :scoredAt)
				""")
			.param("sessionId", session.sessionId())
			.param("packId", card.rulePack().id())
			.param("packVersion", card.rulePack().version())
			.param("contentScore", card.contentScore())
			.param("violationPoints", card.violationPoints())
			.param("card", added.cardJson())
			.param("scoredAt", utc(card.scoredAt()))
			.update(key, "id");
		long cardId = Objects.requireNonNull(key.getKey(), "generated score_card.id").longValue();
		List<Finding> findings = card.findings();
		for (int seq = 0; seq < findings.size(); seq++) {
			addFinding(cardId, seq, card, findings.get(seq));
		}
		boolean sold = session.stats().orders() > 0;
		for (Product product : session.products()) {
			this.jdbc.sql("""
					insert into listed_price (session_id, sku, seller_id, started_at, live_price, sold)
					values (:sessionId, :sku, :sellerId, :startedAt, :livePrice, :sold)
					""")
				.param("sessionId", session.sessionId())
				.param("sku", product.sku())
				.param("sellerId", session.sellerId())
				.param("startedAt", utc(session.startedAt()))
				.param("livePrice", product.livePrice())
				.param("sold", sold)
				.update();
		}
	}

	private void addFinding(long cardId, int seq, ScoreCard card, Finding finding) {
		this.jdbc.sql("""
				insert into finding (score_card_id, seq, session_id, seller_id, market, business_date, code, kind,
				    severity, points, score_delta, rule)
				values (:cardId, :seq, :sessionId, :sellerId, :market, :businessDate, :code, :kind,
				    :severity, :points, :scoreDelta, :rule)
				""")
			.param("cardId", cardId)
			.param("seq", seq)
			.param("sessionId", card.sessionId())
			.param("sellerId", card.sellerId())
			.param("market", card.market())
			.param("businessDate", card.businessDate())
			.param("code", finding.code())
			.param("kind", finding.kind().name())
			.param("severity", finding.severity().name())
			.param("points", finding.points())
			.param("scoreDelta", finding.scoreDelta())
			.param("rule", truncate(finding.rule(), RULE_LENGTH))
			.update();
	}

	// the column is for queries; the card JSON keeps the full text
	private static String truncate(String text, int length) {
		return text.length() <= length ? text : text.substring(0, length - 1) + "\u2026";
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A session to store with its first score card.
	 *
	 * @param session the validated session
	 * @param record its canonical JSON
	 * @param contentHash SHA-256 of {@code record}
	 * @param card its score card
	 * @param cardJson the card's JSON as served
	 * @param receivedAt when it arrived
	 */
	record NewSession(LiveSession session, String record, String contentHash, ScoreCard card, String cardJson,
			Instant receivedAt) {
	}

}
