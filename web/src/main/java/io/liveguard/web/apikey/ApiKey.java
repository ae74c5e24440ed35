package io.liveguard.web.apikey;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An API key as stored and shown to admins: never the key itself.
 *
 * @param id the key's id, used to rotate or revoke it
 * @param name what the client is, for people
 * @param role the role the key grants (PLATFORM)
 * @param prefix the first characters of the current key, to recognise it
 * @param createdBy the admin who created it
 * @param createdAt when
 * @param rotatedAt when the key was last replaced, or null
 * @param revokedAt when it was revoked, or null while it works
 * @param revokedBy the admin who revoked it
 */
public record ApiKey(String id, String name, String role, String prefix, String createdBy, Instant createdAt,
		@Nullable Instant rotatedAt, @Nullable Instant revokedAt, @Nullable String revokedBy) {

	public boolean active() {
		return this.revokedAt == null;
	}

}
