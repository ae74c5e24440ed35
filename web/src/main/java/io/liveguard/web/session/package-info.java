/**
 * Sessions: receiving session records (one by one or as NDJSON), scoring them with the
 * market's active rule pack, and storing the record, its score card, its findings and its
 * listed prices in one transaction. {@link io.liveguard.web.session.Sessions} is the
 * stored collection.
 */
@NullMarked
package io.liveguard.web.session;

import org.jspecify.annotations.NullMarked;
