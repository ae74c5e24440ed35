/**
 * Bulk imports through the API (ADMIN): an NDJSON or gzip body is streamed to a spool
 * file, the batch module's import job scores and stores it in the background, and its
 * progress, quarantined lines and restart are served here.
 */
@NullMarked
package io.liveguard.web.sessionimport;

import org.jspecify.annotations.NullMarked;
