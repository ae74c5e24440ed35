package io.liveguard.web.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps audit events in the {@code audit_event} table, their data as JSON. Spring Boot's
 * audit listener writes every {@code AuditApplicationEvent} here, in the transaction of
 * the decision that published it, so a decision and its audit record commit or roll back
 * together.
 * <p>
 * Failures are counted, not repeated: an authentication or authorization failure
 * identical to one stored less than {@code liveguard.audit.repeat-window} ago (same
 * principal, type and data, the data being the reason and the client address) adds one to
 * that row's count, so a client retrying a bad key hundreds of times a second writes one
 * row a minute, not hundreds a second. Concurrent first failures may each insert a row;
 * later ones count on the newest.
 */
@Repository
@EnableConfigurationProperties(AuditProperties.class)
class JdbcAuditEventRepository implements AuditEventRepository {

	static final int MAX_LIMIT = 1000;

	/** The events a misbehaving or hostile client can make at any rate. */
	static final Set<String> COUNTED = Set.of(SecurityAuditing.AUTHENTICATION_FAILURE,
			SecurityAuditing.AUTHORIZATION_FAILURE);

	private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final Duration repeatWindow;

	JdbcAuditEventRepository(JdbcClient jdbc, JsonMapper json, AuditProperties properties) {
		this.jdbc = jdbc;
		this.json = json;
		this.repeatWindow = properties.repeatWindow();
	}

	@Override
	public void add(AuditEvent event) {
		String principal = truncate(event.getPrincipal(), 128);
		String type = truncate(event.getType(), 64);
		String data = this.json.writeValueAsString(event.getData());
		OffsetDateTime at = event.getTimestamp().atOffset(ZoneOffset.UTC);
		String repeatKey = COUNTED.contains(type) ? repeatKey(principal, type, data) : null;
		if (repeatKey != null && !this.repeatWindow.isZero() && this.jdbc.sql("""
				update audit_event set repeat_count = repeat_count + 1, last_occurred_at = ?
				where id = (select max(id) from audit_event where repeat_key = ? and occurred_at > ?)
				""").params(at, repeatKey, at.minus(this.repeatWindow)).update() > 0) {
			return;
		}
		this.jdbc.sql("""
				insert into audit_event (occurred_at, principal, type, data, repeat_key, repeat_count, last_occurred_at)
				values (?, ?, ?, ?, ?, 1, ?)
				""").params(at, principal, type, data, repeatKey, at).update();
	}

	/** Deletes the events that occurred before {@code instant}; returns how many. */
	int deleteBefore(Instant instant) {
		return this.jdbc.sql("delete from audit_event where occurred_at < ?")
			.param(instant.atOffset(ZoneOffset.UTC))
			.update();
	}

	@Override
	public List<AuditEvent> find(@Nullable String principal, @Nullable Instant after, @Nullable String type) {
		return search(new Query(principal, type, after, null, MAX_LIMIT)).stream().map(Entry::toAuditEvent).toList();
	}

	/** Events matching the query, newest first. */
	List<Entry> search(Query query) {
		StringBuilder sql = new StringBuilder(
				"select id, occurred_at, principal, type, data, repeat_key, repeat_count, last_occurred_at"
						+ " from audit_event where 1 = 1");
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
		Map<String, Object> data = this.json.readValue(rs.getString("data"), DATA);
		if (rs.getString("repeat_key") != null) {
			data = new LinkedHashMap<>(data);
			data.put("count", rs.getInt("repeat_count"));
			data.put("lastAt", rs.getObject("last_occurred_at", OffsetDateTime.class).toInstant().toString());
		}
		return new Entry(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
				rs.getString("principal"), rs.getString("type"), data);
	}

	private static String repeatKey(String principal, String type, String data) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			for (String part : List.of(principal, type, data)) {
				sha256.update(part.getBytes(StandardCharsets.UTF_8));
				sha256.update((byte) 0);
			}
			return HexFormat.of().formatHex(sha256.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
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
