/**
 * The livestream session record a platform sends after a stream ends: host, stats, listed
 * products and the signals upstream systems extracted from the stream. Reading and
 * validating it lives here, so every entry point (API, NDJSON import, generator) accepts
 * and rejects exactly the same records.
 */
@NullMarked
package io.liveguard.engine.session;

import org.jspecify.annotations.NullMarked;
