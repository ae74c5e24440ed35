/**
 * API keys of marketplace clients (role PLATFORM): created, rotated and revoked by an
 * ADMIN, shown once, stored only as SHA-256 hashes, and accepted as
 * {@code Authorization: Bearer <key>}.
 */
@NullMarked
package io.liveguard.web.apikey;

import org.jspecify.annotations.NullMarked;
