package io.liveguard.web.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A user's failed logins from one client address.
 *
 * @param failures failed password logins in a row from the address
 * @param lockedUntil until when the user's logins from the address are refused, or null
 */
record LoginLockout(int failures, @Nullable Instant lockedUntil) {

	static final LoginLockout NONE = new LoginLockout(0, null);

	boolean lockedAt(Instant instant) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(instant);
	}

}
