package io.liveguard.web.user;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users who may log in. */
@Repository
class Users {

	private static final String SELECT = """
			select username, password_hash, role, seller_id, enabled, created_at, failed_logins, locked_until
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

	/** Adds a user; a taken username fails with {@link org.springframework.dao.DuplicateKeyException}. */
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

	/** Enables or disables a user; enabling also clears a lockout. Returns whether the user exists. */
	boolean setEnabled(String username, boolean enabled) {
		return this.jdbc.sql(enabled
				? "update app_user set enabled = true, failed_logins = 0, locked_until = null where username = ?"
				: "update app_user set enabled = false where username = ?").param(username).update() > 0;
	}

	boolean setPasswordHash(String username, String passwordHash) {
		return this.jdbc.sql("""
				update app_user set password_hash = ?, failed_logins = 0, locked_until = null where username = ?
				""").params(passwordHash, username).update() > 0;
	}

	/**
	 * Counts a failed login; at {@code limit} failures in a row the user is locked until
	 * {@code lockUntil} and the count starts again. Returns whether this failure locked the user.
	 */
	boolean recordFailedLogin(String username, int limit, Instant lockUntil) {
		this.jdbc.sql("update app_user set failed_logins = failed_logins + 1 where username = ?")
			.param(username)
			.update();
		return this.jdbc.sql("""
				update app_user set failed_logins = 0, locked_until = ?
				where username = ? and failed_logins >= ?
				""").params(utc(lockUntil), username, limit).update() > 0;
	}

	void resetFailedLogins(String username) {
		this.jdbc.sql("update app_user set failed_logins = 0 where username = ? and failed_logins > 0")
			.param(username)
			.update();
	}

	private static AppUser map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
		return new AppUser(rs.getString("username"), rs.getString("password_hash"), Role.valueOf(rs.getString("role")),
				rs.getString("seller_id"), rs.getBoolean("enabled"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("failed_logins"),
				(lockedUntil == null) ? null : lockedUntil.toInstant());
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant == null) ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
