/**
 * The nightly penalty run: a Spring Batch job that turns each seller's violation points
 * into graded live-posting bans and warnings (policy-default.md section 3), plus the
 * stores the API reads: penalties, standings and the eligibility index the platform asks
 * before every go-live.
 */
@NullMarked
package io.liveguard.batch.penalty;

import org.jspecify.annotations.NullMarked;
