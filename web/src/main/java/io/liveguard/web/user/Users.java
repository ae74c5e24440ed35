package io.liveguard.web.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users who may log in. */
@Repository
class Users {

	private static final String SELECT = """
			select username, password_hash, role, seller_id, enabled, created_at,
			(select max(l.locked_until) from login_lockout l where l.username = app_user.username) as locked_until
			from app_user
			""";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AppUser> find(String username) {
		return this.jdbc.sql(SELECT + " where username = :username")
			.param("username", username)
			.query(Users::map)
			.optional();
	}

	List<AppUser> all() {
		return this.jdbc.sql(SELECT + " order by role, username").query(Users::map).list();
	}

	long count() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	/**
	 * Adds a user; a taken username fails with
	 * {@link org.springframework.dao.DuplicateKeyException}.
	 */
	void add(AppUser user) {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
				values (:username, :passwordHash, :role, :sellerId, :enabled, :createdAt, 0)
				""")
			.param("username", user.username())
			.param("passwordHash", user.passwordHash())
			.param("role", user.role().name())
			.param("sellerId", user.sellerId())
			.param("enabled", user.enabled())
			.param("createdAt", utc(user.createdAt()))
			.update();
	}

	/**
	 * Enables or disables a user; enabling also clears a lockout. Returns whether the
	 * user exists.
	 */
	boolean setEnabled(String username, boolean enabled) {
		boolean found = this.jdbc.sql("update app_user set enabled = ? where username = ?")
			.params(enabled, username)
			.update() > 0;
		if (enabled) {
			clearLockouts(username);
		}
		return found;
	}

	boolean setPasswordHash(String username, String passwordHash) {
		boolean found = this.jdbc.sql("update app_user set password_hash = ? where username = ?")
			.params(passwordHash, username)
			.update() > 0;
		clearLockouts(username);
		return found;
	}

	/**
	 * The failed logins of a user from one client address, and the lockout they led to.
	 */
	LoginLockout lockout(String username, String clientAddress) {
		return this.jdbc.sql("""
				select failures, locked_until from login_lockout where username = ? and client_address = ?
				""")
			.params(username, clientAddress)
			.query((rs, row) -> new LoginLockout(rs.getInt("failures"), instant(rs, "locked_until")))
			.optional()
			.orElse(LoginLockout.NONE);
	}

	/**
	 * Counts a failed login of a user from a client address; at {@code limit} failures in
	 * a row the user is locked from that address until {@code lockUntil} and the count
	 * starts again. Returns whether this failure locked the user.
	 */
	boolean recordFailedLogin(String username, String clientAddress, int limit, Instant now, Instant lockUntil) {
		String increment = """
				update login_lockout set failures = failures + 1, last_failure_at = ?
				where username = ? and client_address = ?
				""";
		if (this.jdbc.sql(increment).params(utc(now), username, clientAddress).update() == 0) {
			try {
				this.jdbc.sql("""
						insert into login_lockout (username, client_address, failures, last_failure_at)
						values (?, ?, 1, ?)
						""").params(username, clientAddress, utc(now)).update();
			}
			catch (DuplicateKeyException ex) {
				// a concurrent failure from the same address inserted the row first
				this.jdbc.sql(increment).params(utc(now), username, clientAddress).update();
			}
		}
		return this.jdbc.sql("""
				update login_lockout set failures = 0, locked_until = ?
				where username = ? and client_address = ? and failures >= ?
				""").params(utc(lockUntil), username, clientAddress, limit).update() > 0;
	}

	/** A successful login from this address: its failures there no longer count. */
	void resetFailedLogins(String username, String clientAddress) {
		this.jdbc.sql("delete from login_lockout where username = ? and client_address = ?")
			.params(username, clientAddress)
			.update();
	}

	/** Lifts every lockout of a user and forgets its failures, from every address. */
	void clearLockouts(String username) {
		this.jdbc.sql("delete from login_lockout where username = ?").param(username).update();
	}

	/** Forgets failures and lockouts older than {@code before}; returns how many. */
	int purgeLockouts(Instant before) {
		return this.jdbc.sql("""
				delete from login_lockout
				where last_failure_at < ? and (locked_until is null or locked_until < ?)
				""").params(utc(before), utc(before)).update();
	}

	private static AppUser map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
		return new AppUser(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
				rs.getString("seller_id"), rs.getBoolean("enabled"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				(lockedUntil == null) ? null : lockedUntil.toInstant());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value == null) ? null : value.toInstant();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant == null) ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
