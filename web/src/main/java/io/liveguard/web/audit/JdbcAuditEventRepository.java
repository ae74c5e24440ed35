package io.liveguard.web.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps audit events in the {@code audit_event} table, their data as JSON. Spring Boot's audit
 * listener writes every {@code AuditApplicationEvent} here, in the transaction of the decision that
 * published it, so a decision and its audit record commit or roll back together.
 */
@Repository
class JdbcAuditEventRepository implements AuditEventRepository {

	static final int MAX_LIMIT = 1000;

	private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	JdbcAuditEventRepository(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public void add(AuditEvent event) {
		this.jdbc.sql("insert into audit_event (occurred_at, principal, type, data) values (?, ?, ?, ?)")
			.params(event.getTimestamp().atOffset(ZoneOffset.UTC), truncate(event.getPrincipal(), 128),
					truncate(event.getType(), 64), this.json.writeValueAsString(event.getData()))
			.update();
	}

	@Override
	public List<AuditEvent> find(@Nullable String principal, @Nullable Instant after, @Nullable String type) {
		return search(new Query(principal, type, after, null, MAX_LIMIT)).stream().map(Entry::toAuditEvent).toList();
	}

	/** Events matching the query, newest first. */
	List<Entry> search(Query query) {
		StringBuilder sql = new StringBuilder("select id, occurred_at, principal, type, data from audit_event where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (query.principal() != null) {
			sql.append(" and principal = ?");
			params.add(query.principal());
		}
		if (query.type() != null) {
			sql.append(" and type = ?");
			params.add(query.type());
		}
		if (query.after() != null) {
			sql.append(" and occurred_at > ?");
			params.add(query.after().atOffset(ZoneOffset.UTC));
		}
		if (query.before() != null) {
			sql.append(" and occurred_at < ?");
			params.add(query.before().atOffset(ZoneOffset.UTC));
		}
		sql.append(" order by occurred_at desc, id desc limit ?");
		params.add(Math.max(1, Math.min(query.limit(), MAX_LIMIT)));
		return this.jdbc.sql(sql.toString()).params(params).query(this::map).list();
	}

	private Entry map(ResultSet rs, int row) throws SQLException {
		return new Entry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("principal"), rs.getString("type"), this.json.readValue(rs.getString("data"), DATA));
	}

	private static String truncate(String value, int length) {
		return (value.length() <= length) ? value : value.substring(0, length);
	}

	/** What to look for; null parts match everything. */
	record Query(@Nullable String principal, @Nullable String type, @Nullable Instant after, @Nullable Instant before,
			int limit) {
	}

	/** One stored event. */
	record Entry(long id, Instant at, String principal, String type, Map<String, Object> data) {

		AuditEvent toAuditEvent() {
			return new AuditEvent(this.at, this.principal, this.type, this.data);
		}

	}

}
