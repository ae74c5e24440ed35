package io.liveguard.web.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.liveguard.engine.DomainException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Creates, rotates, revokes and checks API keys. A key is {@code lg_} and 256 random bits
 * in URL-safe Base64; it is returned once and only its SHA-256 is stored, so a stolen
 * database yields no working key. Checking a key is one hash and one indexed lookup,
 * whose answer for a working key is kept for {@code liveguard.api-keys.cache-ttl} (5 s):
 * a rotated or revoked key stops working at once on the node that rotated or revoked it,
 * and within that time on every other node. Every change is an audit event.
 */
@Service
public class ApiKeys {

	/**
	 * The cache of working keys by hash; system's CacheConfiguration sets its ttl and
	 * bound.
	 */
	public static final String CACHE = "api-keys";

	public static final String API_KEY_CREATED = "API_KEY_CREATED";

	public static final String API_KEY_ROTATED = "API_KEY_ROTATED";

	public static final String API_KEY_REVOKED = "API_KEY_REVOKED";

	static final String KEY_PREFIX = "lg_";

	private static final int SHOWN_PREFIX = 10;

	private static final SecureRandom random = new SecureRandom();

	private static final String SELECT = """
			select id, name, role, key_prefix, created_by, created_at, rotated_at, revoked_at, revoked_by from api_key
			""";

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ApiKeyCache cache;

	ApiKeys(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, ApiKeyCache cache) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
		this.cache = cache;
	}

	public List<ApiKey> all() {
		return this.jdbc.sql(SELECT + " order by created_at desc, id").query(ApiKeys::map).list();
	}

	public Optional<ApiKey> find(String id) {
		return this.jdbc.sql(SELECT + " where id = ?").param(id).query(ApiKeys::map).optional();
	}

	/**
	 * Creates a key for a PLATFORM client; the result holds the key, which is not kept.
	 * The request was validated by its constraints (the API and the page both check it).
	 */
	@Transactional
	public Issued create(NewKey request, String admin) {
		String name = Objects.requireNonNull(request.name(), "name: validated before").strip();
		String id = randomId();
		String key = newKey();
		this.jdbc.sql("""
				insert into api_key (id, name, role, key_hash, key_prefix, created_by, created_at)
				values (?, ?, 'PLATFORM', ?, ?, ?, ?)
				""").params(id, name, hash(key), shown(key), admin, utc(this.clock.instant())).update();
		audit(admin, API_KEY_CREATED, id, name);
		return new Issued(find(id).orElseThrow(), key);
	}

	/** Replaces a working key with a new one; the old one stops working at once. */
	@Transactional
	public Issued rotate(String id, String admin) {
		ApiKey existing = active(id);
		String key = newKey();
		this.jdbc
			.sql("update api_key set key_hash = ?, key_prefix = ?, rotated_at = ? where id = ? and revoked_at is null")
			.params(hash(key), shown(key), utc(this.clock.instant()), id)
			.update();
		forgetOnCommit(id);
		audit(admin, API_KEY_ROTATED, id, existing.name());
		return new Issued(find(id).orElseThrow(), key);
	}

	/** Revokes a key for good; the row stays for the record. */
	@Transactional
	public ApiKey revoke(String id, String admin) {
		ApiKey existing = active(id);
		this.jdbc.sql("update api_key set revoked_at = ?, revoked_by = ? where id = ? and revoked_at is null")
			.params(utc(this.clock.instant()), admin, id)
			.update();
		forgetOnCommit(id);
		audit(admin, API_KEY_REVOKED, id, existing.name());
		return find(id).orElseThrow();
	}

	/** The working key with this value, if any. */
	Optional<ApiKey> authenticate(String key) {
		if (!key.startsWith(KEY_PREFIX) || key.length() > 100) {
			return Optional.empty();
		}
		return this.cache.get(hash(key),
				(hash) -> this.jdbc.sql(SELECT + " where key_hash = ? and revoked_at is null")
					.param(hash)
					.query(ApiKeys::map)
					.optional());
	}

	/**
	 * Drops the key from this node's cache once the change is committed: dropped before,
	 * a request could read the old row again and keep it.
	 */
	private void forgetOnCommit(String id) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.cache.invalidate();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				ApiKeys.this.cache.invalidate();
			}

		});
	}

	private ApiKey active(String id) {
		ApiKey existing = find(id).orElseThrow(() -> new ApiKeyNotFound(id));
		if (!existing.active()) {
			throw new ApiKeyRevoked(existing);
		}
		return existing;
	}

	private void audit(String admin, String type, String id, String name) {
		this.events.publishEvent(new AuditApplicationEvent(admin, type, Map.of("keyId", id, "name", name)));
	}

	static String hash(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private static String newKey() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String randomId() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		return "key-" + HexFormat.of().formatHex(bytes);
	}

	private static String shown(String key) {
		return key.substring(0, SHOWN_PREFIX);
	}

	private static ApiKey map(ResultSet rs, int row) throws SQLException {
		return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("role"), rs.getString("key_prefix"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "rotated_at"),
				instant(rs, "revoked_at"), rs.getString("revoked_by"));
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value == null) ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * A key as issued: its record and the key itself, shown this once.
	 *
	 * @param apiKey the stored record
	 * @param key the key to hand to the client
	 */
	public record Issued(ApiKey apiKey, String key) {
	}

	/**
	 * A key to create (api.md: {@code {name, role}}).
	 *
	 * @param name what the key is for, shown to admins
	 * @param role PLATFORM or none: people get users, not keys
	 */
	public record NewKey(@NotBlank(message = NAME) @Size(max = 100, message = NAME) @Nullable String name,
			@Pattern(regexp = "PLATFORM",
					message = "API keys are for PLATFORM clients; people get users") @Nullable String role) {

		private static final String NAME = "is required, at most 100 characters";

	}

	/** No API key has that id. */
	static final class ApiKeyNotFound extends DomainException {

		ApiKeyNotFound(String id) {
			super(Kind.NOT_FOUND, null, "id: no API key '" + id + "'");
		}

	}

	/** The key was revoked: it never works, nor changes, again. */
	static final class ApiKeyRevoked extends DomainException {

		ApiKeyRevoked(ApiKey key) {
			super(Kind.CONFLICT, null, "id: API key '" + key.id() + "' was revoked at " + key.revokedAt());
		}

	}

}
