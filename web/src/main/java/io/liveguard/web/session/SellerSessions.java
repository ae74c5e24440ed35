package io.liveguard.web.session;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.liveguard.engine.scoring.ScoreCard;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read side of the stored sessions for the pages: a seller's sessions with their current
 * score cards, a page at a time, the content scores of a period for a chart, and one
 * session's score card.
 */
@Service
public class SellerSessions {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SellerSessions(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * The seller's sessions started at or after {@code since}, newest first, {@code size}
	 * of them from {@code page} (from 0), each with its current score card.
	 */
	public Page page(String sellerId, Instant since, int page, int size) {
		List<Session> sessions = this.jdbc.sql("""
				select s.session_id, s.market, s.started_at, c.card
				from live_session s
				join score_card c on c.session_id = s.session_id and c.is_current = true
				where s.seller_id = :sellerId and s.started_at >= :since
				order by s.started_at desc, s.session_id desc
				limit :limit offset :offset
				""")
			.param("sellerId", sellerId)
			.param("since", utc(since))
			.param("limit", size + 1)
			.param("offset", (long) page * size)
			.query((rs, row) -> new Session(rs.getString("session_id"), rs.getString("market"),
					rs.getObject("started_at", OffsetDateTime.class).toInstant(),
					this.json.readValue(rs.getString("card"), ScoreCard.class)))
			.list();
		boolean more = sessions.size() > size;
		return new Page(more ? sessions.subList(0, size) : sessions, page, more);
	}

	/**
	 * The content score of each of the seller's sessions started at or after
	 * {@code since}, oldest first; the latest {@code limit} of them when there are more.
	 */
	public List<Score> scores(String sellerId, Instant since, int limit) {
		List<Score> latest = new ArrayList<>(this.jdbc.sql("""
				select session_id, started_at, content_score from live_session
				where seller_id = :sellerId and started_at >= :since
				order by started_at desc, session_id desc
				limit :limit
				""")
			.param("sellerId", sellerId)
			.param("since", utc(since))
			.param("limit", limit)
			.query((rs, row) -> new Score(rs.getString("session_id"),
					rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getInt("content_score")))
			.list());
		Collections.reverse(latest);
		return latest;
	}

	/** The current score card of a session. */
	public Optional<ScoreCard> scoreCard(String sessionId) {
		return this.jdbc.sql("select card from score_card where session_id = :sessionId and is_current = true")
			.param("sessionId", sessionId)
			.query(String.class)
			.optional()
			.map((card) -> this.json.readValue(card, ScoreCard.class));
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A stored session with its current score card.
	 *
	 * @param sessionId the session
	 * @param market its market
	 * @param startedAt when it started
	 * @param card its current score card
	 */
	public record Session(String sessionId, String market, Instant startedAt, ScoreCard card) {
	}

	/**
	 * One page of sessions.
	 *
	 * @param sessions the sessions, newest first
	 * @param number the page number, from 0
	 * @param hasNext whether older sessions follow
	 */
	public record Page(List<Session> sessions, int number, boolean hasNext) {

		public Page {
			sessions = List.copyOf(sessions);
		}

	}

	/**
	 * A session's content score.
	 *
	 * @param sessionId the session
	 * @param startedAt when it started
	 * @param contentScore 0..100
	 */
	public record Score(String sessionId, Instant startedAt, int contentScore) {
	}

}
