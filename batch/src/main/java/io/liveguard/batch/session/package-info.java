/**
 * Session storage shared by every way sessions arrive (the API, NDJSON, the bulk import)
 * and by the jobs that read them back: the inserts of a session with its first score
 * card, findings and listed prices, the sellers' price history the rules compare with,
 * and the meters every way of arrival reports to ({@code SessionMeters}).
 */
@NullMarked
package io.liveguard.batch.session;

import org.jspecify.annotations.NullMarked;
