/**
 * Spring Batch jobs over stored sessions: the nightly penalty run, bulk import and re-scoring. The
 * jobs arrive with the penalty-run issue; the module exists so the dependency direction
 * {@code web -> batch -> engine} is fixed from the start.
 */
@NullMarked
package io.liveguard.batch;

import org.jspecify.annotations.NullMarked;
