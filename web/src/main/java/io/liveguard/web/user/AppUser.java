package io.liveguard.web.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user as stored.
 *
 * @param username the login name
 * @param passwordHash the password hash with its {@code {id}} prefix
 * @param role what the user may do
 * @param sellerId the seller a {@link Role#SELLER} acts for
 * @param enabled whether the user may log in
 * @param createdAt when the user was created
 * @param lockedUntil the latest end of a lockout of this user from some client address,
 * or null
 */
record AppUser(String username, String passwordHash, Role role, @Nullable String sellerId, boolean enabled,
		Instant createdAt, @Nullable Instant lockedUntil) {

	AppUser(String username, String passwordHash, Role role, @Nullable String sellerId, boolean enabled,
			Instant createdAt) {
		this(username, passwordHash, role, sellerId, enabled, createdAt, null);
	}

	boolean lockedAt(Instant instant) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(instant);
	}

}
