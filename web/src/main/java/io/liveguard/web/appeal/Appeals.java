package io.liveguard.web.appeal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.liveguard.batch.penalty.SellerStandings;
import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.batch.webhook.WebhookOutbox;
import io.liveguard.web.user.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Files and decides appeals; both are audit events under the name of whoever did it. */
@Service
class Appeals {

	static final String APPEAL_FILED = "APPEAL_FILED";

	static final String APPEAL_DECIDED = "APPEAL_DECIDED";

	private static final String SELECT = """
			select appeal_id, session_id, code, seller_id, reason, status, filed_by, filed_at, decided_by, decided_at, note
			from appeal
			""";

	private final JdbcClient jdbc;

	private final AppealWindow window;

	private final SellerStandings standings;

	private final ApplicationEventPublisher events;

	private final WebhookOutbox outbox;

	private final Clock clock;

	Appeals(JdbcClient jdbc, AppealWindow window, SellerStandings standings, ApplicationEventPublisher events,
			WebhookOutbox outbox, Clock clock) {
		this.jdbc = jdbc;
		this.window = window;
		this.standings = standings;
		this.events = events;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Files an appeal against one violation finding of a session the caller may see,
	 * within the pack's appeal window of the session's start.
	 */
	@Transactional
	Appeal file(String sessionId, String code, @Nullable String reason, Caller caller) {
		String because = Appeal.reason(reason);
		SessionRow session = this.jdbc
			.sql("select seller_id, market, started_at from live_session where session_id = ?")
			.param(sessionId)
			.query((rs, row) -> new SessionRow(rs.getString(1), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.optional()
			.filter((row) -> caller.maySee(row.sellerId()))
			.orElseThrow(() -> AppealRefused.FindingNotFound.noSession(sessionId));
		boolean violation = this.jdbc.sql("""
				select count(*) from finding
				where session_id = ? and code = ? and kind = 'VIOLATION'
				""").params(sessionId, code).query(Integer.class).single() > 0;
		if (!violation) {
			throw AppealRefused.FindingNotFound.noViolation(sessionId, code);
		}
		Instant now = this.clock.instant();
		if (!this.window.isOpen(session.market(), session.startedAt(), now)) {
			throw new AppealRefused.InvalidAppeal(
					"sessionId: the " + this.window.days(session.market()) + "-day appeal window of session '"
							+ sessionId + "' closed at " + this.window.closesAt(session.market(), session.startedAt()));
		}
		if (this.jdbc.sql("select count(*) from appeal where session_id = ? and code = ?")
			.params(sessionId, code)
			.query(Integer.class)
			.single() > 0) {
			throw new AppealRefused.AlreadyAppealed(sessionId, code);
		}
		Appeal appeal = Appeal.file(UUID.randomUUID().toString(), sessionId, code, session.sellerId(), because,
				caller.username(), now);
		this.jdbc
			.sql("""
					insert into appeal (appeal_id, session_id, code, seller_id, reason, status, filed_by, filed_at, lift_now)
					values (?, ?, ?, ?, ?, ?, ?, ?, false)
					""")
			.params(appeal.appealId(), sessionId, code, appeal.sellerId(), appeal.reason(), appeal.status().name(),
					appeal.filedBy(), utc(now))
			.update();
		this.events.publishEvent(new AuditApplicationEvent(caller.username(), APPEAL_FILED, Map.of("appealId",
				appeal.appealId(), "sessionId", sessionId, "code", code, "sellerId", appeal.sellerId())));
		return appeal;
	}

	List<Appeal> withStatus(Appeal.@Nullable Status status) {
		if (status == null) {
			return this.jdbc.sql(SELECT + " order by filed_at").query(this::map).list();
		}
		return this.jdbc.sql(SELECT + " where status = ? order by filed_at")
			.param(status.name())
			.query(this::map)
			.list();
	}

	/** The open appeals, the oldest first, at most {@code limit} of them. */
	List<Appeal> oldestOpen(int limit) {
		return this.jdbc.sql(SELECT + " where status = 'OPEN' order by filed_at, appeal_id limit ?")
			.param(limit)
			.query(this::map)
			.list();
	}

	int countOpen() {
		return this.jdbc.sql("select count(*) from appeal where status = 'OPEN'").query(Integer.class).single();
	}

	/** The decided appeals, the latest decision first, at most {@code limit} of them. */
	List<Appeal> recentlyDecided(int limit) {
		return this.jdbc.sql(SELECT + " where status <> 'OPEN' order by decided_at desc, appeal_id limit ?")
			.param(limit)
			.query(this::map)
			.list();
	}

	/**
	 * The appeals the caller may see: a seller's own, or all of them for the other roles.
	 */
	List<Appeal> visibleTo(Caller caller, Appeal.@Nullable Status status) {
		if (!caller.isSeller()) {
			return withStatus(status);
		}
		if (status == null) {
			return this.jdbc.sql(SELECT + " where seller_id = ? order by filed_at")
				.param(caller.sellerId())
				.query(this::map)
				.list();
		}
		return this.jdbc.sql(SELECT + " where seller_id = ? and status = ? order by filed_at")
			.params(caller.sellerId(), status.name())
			.query(this::map)
			.list();
	}

	Optional<Appeal> find(String appealId) {
		return this.jdbc.sql(SELECT + " where appeal_id = ?").param(appealId).query(this::map).optional();
	}

	/**
	 * The appeal, if the caller may see it: a seller only its own (others are not found).
	 */
	Optional<Appeal> find(String appealId, Caller caller) {
		return find(appealId).filter((appeal) -> caller.maySee(appeal.sellerId()));
	}

	/**
	 * Upholds or overturns an open appeal: the appeal decides itself
	 * ({@link Appeal#decide}), this stores the result while the row is still open.
	 * Overturned, the finding stops counting at once; with {@code liftNow}, the seller's
	 * penalties it leaves without enough points are lifted at once too. Its
	 * {@code appeal.decided} event (and any {@code penalty.lifted}) is recorded in the
	 * decision's transaction.
	 */
	@Transactional
	Decision decide(String appealId, Appeal.Status outcome, @Nullable String note, boolean liftNow, Caller caller) {
		Appeal.decision(outcome);
		Appeal appeal = find(appealId).orElseThrow(() -> new AppealRefused.AppealNotFound(appealId));
		Instant now = this.clock.instant();
		Appeal decided = appeal.decide(outcome, caller.username(), now, note);
		int updated = this.jdbc.sql("""
				update appeal set status = ?, decided_by = ?, decided_at = ?, note = ?, lift_now = ?
				where appeal_id = ? and status = 'OPEN'
				""")
			.params(decided.status().name(), decided.decidedBy(), utc(now), decided.note(), liftNow, appealId)
			.update();
		if (updated == 0) {
			// decided by someone else since it was read: refused as the appeal refuses a
			// second decision
			throw new AppealRefused.AlreadyDecided(find(appealId).orElse(appeal));
		}
		List<String> lifted = (outcome == Appeal.Status.OVERTURNED && liftNow)
				? this.standings.liftUnsupported(appeal.sellerId(), caller.username(),
						"appeal " + appealId + " overturned " + appeal.code() + " of session " + appeal.sessionId())
				: List.of();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("appealId", appealId);
		data.put("sessionId", appeal.sessionId());
		data.put("code", appeal.code());
		data.put("sellerId", appeal.sellerId());
		data.put("outcome", outcome.name());
		data.put("note", (note == null) ? "" : note);
		data.put("liftNow", liftNow);
		data.put("liftedPenalties", lifted);
		this.events.publishEvent(new AuditApplicationEvent(caller.username(), APPEAL_DECIDED, data));
		Appeal stored = find(appealId).orElseThrow();
		// the appeal as GET /api/v1/appeals/{id} shows it, sent once this decision
		// commits
		this.outbox.record(EventTypes.APPEAL_DECIDED, stored);
		return new Decision(stored, lifted);
	}

	private Appeal map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		OffsetDateTime decidedAt = rs.getObject("decided_at", OffsetDateTime.class);
		return new Appeal(rs.getString("appeal_id"), rs.getString("session_id"), rs.getString("code"),
				rs.getString("seller_id"), rs.getString("reason"), Appeal.Status.valueOf(rs.getString("status")),
				rs.getString("filed_by"), rs.getObject("filed_at", OffsetDateTime.class).toInstant(),
				rs.getString("decided_by"), (decidedAt == null) ? null : decidedAt.toInstant(), rs.getString("note"));
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private record SessionRow(String sellerId, String market, Instant startedAt) {
	}

	/** A decided appeal and the penalties lifted at once because of it. */
	record Decision(Appeal appeal, List<String> liftedPenalties) {
	}

}
