/**
 * The three ways to start the nightly penalty run: the API (ADMIN), a cron schedule per market in the
 * market's time zone, and the command line; all go through {@link io.liveguard.batch.penalty.PenaltyRuns}.
 */
@NullMarked
package io.liveguard.web.penaltyrun;

import org.jspecify.annotations.NullMarked;
