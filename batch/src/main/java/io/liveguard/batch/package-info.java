/**
 * Spring Batch jobs over stored sessions and the stores they share: the nightly penalty
 * run ({@code penalty}, {@code partition}), the bulk import, re-scoring and rule pack
 * back-tests, over the session and rule pack stores; all four are recorded, launched,
 * restarted and read back by one background-job component ({@code job}). The web module
 * starts them; the dependency direction is {@code web -> batch -> engine}.
 */
@NullMarked
package io.liveguard.batch;

import org.jspecify.annotations.NullMarked;
