package io.liveguard.web.user;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The users who may log in. */
@Repository
class Users {

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<AppUser> find(String username) {
		return this.jdbc.sql("""
				select username, password_hash, role, seller_id, enabled, created_at
				from app_user where username = :username
				""")
			.param("username", username)
			.query((rs, row) -> new AppUser(rs.getString("username"), rs.getString("password_hash"),
					Role.valueOf(rs.getString("role")), rs.getString("seller_id"), rs.getBoolean("enabled"),
					rs.getObject("created_at", OffsetDateTime.class).toInstant()))
			.optional();
	}

	long count() {
		return this.jdbc.sql("select count(*) from app_user").query(Long.class).single();
	}

	/** Adds a user; a taken username fails with {@link org.springframework.dao.DuplicateKeyException}. */
	void add(AppUser user) {
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at)
				values (:username, :passwordHash, :role, :sellerId, :enabled, :createdAt)
				""")
			.param("username", user.username())
			.param("passwordHash", user.passwordHash())
			.param("role", user.role().name())
			.param("sellerId", user.sellerId())
			.param("enabled", user.enabled())
			.param("createdAt", user.createdAt().atOffset(ZoneOffset.UTC))
			.update();
	}

}
