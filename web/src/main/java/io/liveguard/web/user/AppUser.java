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
 */
record AppUser(String username, String passwordHash, Role role, @Nullable String sellerId, boolean enabled,
		Instant createdAt) {
}
