package io.liveguard.batch.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.liveguard.engine.ScoringEngine.HistoryWindow;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.Product;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Writes sessions with their first score card, the card's findings and the session's
 * listed prices, and reads sellers' price history. One session at a time for the API, or
 * many in JDBC batches for the bulk import: both write the same rows. Instants are
 * written as {@link OffsetDateTime} at UTC, which H2 and PostgreSQL both take for
 * {@code timestamp with time zone}.
 */
public class SessionStore {

	private static final int RULE_LENGTH = 1000;

	/** Parameters per IN list, well below every driver's limit. */
	private static final int IN_LIST = 500;

	private static final String INSERT_SESSION = """
			insert into live_session (session_id, seller_id, market, started_at, ended_at, business_date,
			    content_hash, received_at, content_score, violation_points)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_RECORD = "insert into session_record (session_id, record) values (?, ?)";

	private static final String INSERT_CARD = """
			insert into score_card (session_id, pack_id, pack_version, content_score, violation_points,
			    is_current, card, scored_at)
			values (?, ?, ?, ?, ?, true, ?, ?)
			""";

	private static final String INSERT_FINDING = """
			insert into finding (score_card_id, seq, session_id, seller_id, market, business_date, code, kind,
			    severity, points, score_delta, rule)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private static final String INSERT_PRICE = """
			insert into listed_price (session_id, sku, seller_id, started_at, live_price, sold)
			values (?, ?, ?, ?, ?, ?)
			""";

	private final JdbcTemplate template;

	private final JdbcClient jdbc;

	public SessionStore(JdbcTemplate template) {
		this.template = template;
		this.jdbc = JdbcClient.create(template);
	}

	/**
	 * The seller's prices in earlier sessions that had orders, started within
	 * {@code window}: the history {@code FAKE_DISCOUNT} compares list prices with.
	 */
	public SellerHistory history(String sellerId, HistoryWindow window) {
		if (window.isEmpty()) {
			return SellerHistory.NONE;
		}
		return new SellerHistory(this.jdbc.sql("""
				select session_id, started_at, sku, live_price
				from listed_price
				where seller_id = ? and sold = true and started_at >= ? and started_at < ?
				order by started_at, session_id, sku
				""")
			.params(sellerId, utc(window.from()), utc(window.to()))
			.query((rs, row) -> new SellerHistory.PriorSale(rs.getString(1),
					rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getLong(4)))
			.list());
	}

	/**
	 * The sold prices of several sellers, each within its own window, by seller, each
	 * list in history order: for a chunk of sessions, each of which then keeps its own
	 * window. One query per seller, answered from the index {@code listed_price_history}
	 * alone (V18): an IN list over sellers with a time range makes H2 scan the table.
	 */
	public Map<String, List<SellerHistory.PriorSale>> sales(Map<String, HistoryWindow> windows) {
		Map<String, List<SellerHistory.PriorSale>> sales = new HashMap<>();
		windows.forEach((sellerId, window) -> {
			List<SellerHistory.PriorSale> seller = history(sellerId, window).priorSales();
			if (!seller.isEmpty()) {
				sales.put(sellerId, new ArrayList<>(seller));
			}
		});
		return sales;
	}

	/** The content hashes of those of the sessions that are stored, by session id. */
	public Map<String, String> contentHashes(Collection<String> sessionIds) {
		return byId("select session_id, content_hash from live_session where session_id", sessionIds);
	}

	/**
	 * The status of those of the ids that are lives not ENDED (OPEN, STOPPED or REFUSED),
	 * by live id: such an id is no session's (live.md: unique across lives and sessions),
	 * and an ENDED live's session is stored under it.
	 */
	public Map<String, String> openLiveStatuses(Collection<String> ids) {
		return byId("select live_id, status from live where status <> 'ENDED' and live_id", ids);
	}

	/**
	 * Why a session cannot take the id of a live in {@code status} (not ENDED), as the
	 * single POST's 409 and the bulk import's quarantine say it: "... session id " +
	 * this.
	 */
	public static String liveIdTaken(String sessionId, String status) {
		return "REFUSED".equals(status)
				? "is the id of a live refused at its go-live check; an id is unique across lives and sessions"
				: "is the id of a live that is still " + status
						+ "; it becomes a session when it ends (POST /api/v1/lives/" + sessionId + "/end)";
	}

	/**
	 * The two columns {@code select} names, the first by the second, for the rows whose
	 * first column is one of {@code ids}; {@code select} ends with that column, before
	 * its {@code in (...)}.
	 */
	private Map<String, String> byId(String select, Collection<String> ids) {
		Map<String, String> found = new HashMap<>();
		for (List<String> part : parts(ids)) {
			this.jdbc.sql(select + " in (" + placeholders(part.size()) + ")").params(part.toArray()).query((rs) -> {
				found.put(rs.getString(1), rs.getString(2));
			});
		}
		return found;
	}

	/**
	 * Stores a new session with its first score card, the card's findings and the
	 * session's listed prices. Call inside a transaction; a second session with the same
	 * id fails with {@link org.springframework.dao.DuplicateKeyException}.
	 */
	public void add(NewSession added) {
		LiveSession session = added.session();
		ScoreCard card = added.card();
		this.jdbc.sql(INSERT_SESSION).params(sessionRow(added)).update();
		this.jdbc.sql(INSERT_RECORD).params(session.sessionId(), added.record()).update();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT_CARD).params(cardRow(added)).update(key, "id");
		long cardId = Objects.requireNonNull(key.getKey(), "generated score_card.id").longValue();
		for (Object[] finding : findingRows(cardId, card)) {
			this.jdbc.sql(INSERT_FINDING).params(finding).update();
		}
		for (Object[] price : priceRows(session)) {
			this.jdbc.sql(INSERT_PRICE).params(price).update();
		}
	}

	/**
	 * Stores new sessions as {@link #add} does, each table in one JDBC batch. Call inside
	 * a transaction; the ids must be new and distinct.
	 */
	public void addAll(List<NewSession> added) {
		if (added.isEmpty()) {
			return;
		}
		JdbcTemplate jdbc = this.template;
		List<Object[]> sessions = new ArrayList<>(added.size());
		List<Object[]> records = new ArrayList<>(added.size());
		List<Object[]> cards = new ArrayList<>(added.size());
		List<Object[]> prices = new ArrayList<>();
		for (NewSession session : added) {
			sessions.add(sessionRow(session));
			records.add(new Object[] { session.session().sessionId(), session.record() });
			cards.add(cardRow(session));
			prices.addAll(priceRows(session.session()));
		}
		jdbc.batchUpdate(INSERT_SESSION, sessions);
		jdbc.batchUpdate(INSERT_RECORD, records);
		jdbc.batchUpdate(INSERT_CARD, cards);
		// generated keys of a batch are not portable: read the new cards' ids back
		Map<String, Long> cardIds = new HashMap<>();
		for (List<String> part : parts(added.stream().map((session) -> session.session().sessionId()).toList())) {
			this.jdbc
				.sql("select session_id, id from score_card where is_current = true and session_id in ("
						+ placeholders(part.size()) + ")")
				.params(part.toArray())
				.query((rs) -> {
					cardIds.put(rs.getString(1), rs.getLong(2));
				});
		}
		List<Object[]> findings = new ArrayList<>();
		for (NewSession session : added) {
			long cardId = Objects.requireNonNull(cardIds.get(session.session().sessionId()), "stored score_card.id");
			findings.addAll(findingRows(cardId, session.card()));
		}
		jdbc.batchUpdate(INSERT_FINDING, findings);
		jdbc.batchUpdate(INSERT_PRICE, prices);
	}

	/**
	 * Makes {@code card} the session's current score card: the previous card stays as
	 * history but loses its findings (the findings table holds the current card's only),
	 * and the session's scores follow the new card. Call inside a transaction.
	 */
	public void replaceCard(ScoreCard card, String cardJson) {
		this.jdbc.sql(
				"delete from finding where score_card_id in (select id from score_card where session_id = ? and is_current = true)")
			.param(card.sessionId())
			.update();
		this.jdbc.sql("update score_card set is_current = false where session_id = ? and is_current = true")
			.param(card.sessionId())
			.update();
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql(INSERT_CARD)
			.params(card.sessionId(), card.rulePack().id(), card.rulePack().version(), card.contentScore(),
					card.violationPoints(), cardJson, utc(card.scoredAt()))
			.update(key, "id");
		long cardId = Objects.requireNonNull(key.getKey(), "generated score_card.id").longValue();
		this.template.batchUpdate(INSERT_FINDING, findingRows(cardId, card));
		this.jdbc.sql("update live_session set content_score = ?, violation_points = ? where session_id = ?")
			.params(card.contentScore(), card.violationPoints(), card.sessionId())
			.update();
	}

	private static Object[] sessionRow(NewSession added) {
		LiveSession session = added.session();
		ScoreCard card = added.card();
		return new Object[] { session.sessionId(), session.sellerId(), session.market(), utc(session.startedAt()),
				utc(session.endedAt()), card.businessDate(), added.contentHash(), utc(added.receivedAt()),
				card.contentScore(), card.violationPoints() };
	}

	private static Object[] cardRow(NewSession added) {
		ScoreCard card = added.card();
		return new Object[] { added.session().sessionId(), card.rulePack().id(), card.rulePack().version(),
				card.contentScore(), card.violationPoints(), added.cardJson(), utc(card.scoredAt()) };
	}

	private static List<Object[]> findingRows(long cardId, ScoreCard card) {
		List<Finding> findings = card.findings();
		List<Object[]> rows = new ArrayList<>(findings.size());
		for (int seq = 0; seq < findings.size(); seq++) {
			Finding finding = findings.get(seq);
			rows.add(new Object[] { cardId, seq, card.sessionId(), card.sellerId(), card.market(), card.businessDate(),
					finding.code(), finding.kind().name(), finding.severity().name(), finding.points(),
					finding.scoreDelta(), truncate(finding.rule(), RULE_LENGTH) });
		}
		return rows;
	}

	private static List<Object[]> priceRows(LiveSession session) {
		boolean sold = session.stats().orders() > 0;
		List<Object[]> rows = new ArrayList<>(session.products().size());
		for (Product product : session.products()) {
			rows.add(new Object[] { session.sessionId(), product.sku(), session.sellerId(), utc(session.startedAt()),
					product.livePrice(), sold });
		}
		return rows;
	}

	private static List<List<String>> parts(Collection<String> values) {
		List<String> all = List.copyOf(values);
		List<List<String>> parts = new ArrayList<>();
		for (int from = 0; from < all.size(); from += IN_LIST) {
			parts.add(all.subList(from, Math.min(all.size(), from + IN_LIST)));
		}
		return parts;
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
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
	public record NewSession(LiveSession session, String record, String contentHash, ScoreCard card, String cardJson,
			Instant receivedAt) {
	}

}
