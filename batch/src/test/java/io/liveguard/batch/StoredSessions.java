package io.liveguard.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Test fixture: scores sessions and stores them with their cards and findings, as ingest
 * does.
 */
public final class StoredSessions {

	private static final SessionCodec codec = new SessionCodec();

	private final JdbcClient jdbc;

	private final ScoringEngine engine;

	public StoredSessions(JdbcClient jdbc, ScoringEngine engine) {
		this.jdbc = jdbc;
		this.engine = engine;
	}

	public static LiveSession example(String name) {
		try (InputStream in = StoredSessions.class.getResourceAsStream("/examples/" + name)) {
			return codec.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stores the four shared examples the penalty run tests decide: a clean session, a
	 * health claim without confirmation ({@code shop-miracle}), a low-quality one and a
	 * counterfeit ({@code shop-fake}).
	 */
	public void storeExamples() {
		for (String example : List.of("clean-session.json", "health-claim-no-confirmation.json",
				"low-quality-static.json", "counterfeit.json")) {
			store(example(example));
		}
	}

	public ScoreCard store(LiveSession session) {
		ScoreCard card = this.engine.score(session, SellerHistory.NONE);
		this.jdbc.sql("""
				insert into live_session (session_id, seller_id, market, started_at, ended_at, business_date,
				                          content_hash, received_at, content_score, violation_points)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(session.sessionId(), session.sellerId(), session.market(), utc(session.startedAt()),
					utc(session.endedAt()), card.businessDate(), codec.contentHash(session), utc(Instant.now()),
					card.contentScore(), card.violationPoints())
			.update();
		this.jdbc.sql("insert into session_record (session_id, record) values (?, ?)")
			.params(session.sessionId(), codec.write(session))
			.update();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into score_card (session_id, pack_id, pack_version, content_score, violation_points, is_current,
				                        card, scored_at) values (?, ?, ?, ?, ?, true, ?, ?)
				""")
			.params(session.sessionId(), card.rulePack().id(), card.rulePack().version(), card.contentScore(),
					card.violationPoints(), "{}", utc(card.scoredAt()))
			.update(keys, "id");
		long cardId = keys.getKeyAs(Number.class).longValue();
		int seq = 0;
		for (Finding finding : card.findings()) {
			this.jdbc
				.sql("""
						insert into finding (score_card_id, seq, session_id, seller_id, market, business_date, code, kind,
						                     severity, points, score_delta, rule) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
						""")
				.params(cardId, seq++, session.sessionId(), session.sellerId(), session.market(), card.businessDate(),
						finding.code(), finding.kind().name(), finding.severity().name(), finding.points(),
						finding.scoreDelta(), finding.rule())
				.update();
		}
		return card;
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
