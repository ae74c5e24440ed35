/**
 * The bulk import: a Spring Batch job that reads an NDJSON file of session records (plain
 * or gzip), validates, scores and stores them in chunks, sends bad lines to the
 * quarantine with the reason, and resumes after its last committed chunk when restarted;
 * plus {@link io.liveguard.batch.sessionimport.SessionImports}, the facade that starts
 * imports and reports their progress.
 */
@NullMarked
package io.liveguard.batch.sessionimport;

import org.jspecify.annotations.NullMarked;
