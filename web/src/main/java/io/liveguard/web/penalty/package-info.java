/**
 * Penalties, as the platform, sellers and admins meet them: a seller's standing (points,
 * penalty, warnings, next threshold), every penalty decided and the go-live eligibility
 * hot path ({@link io.liveguard.web.penalty.SellerController}, the seller's pages), and
 * the three ways to start the nightly penalty run: the API (ADMIN), a cron schedule per
 * market in the market's time zone, and the command line; all go through the batch
 * module's {@link io.liveguard.batch.penalty.PenaltyRuns}.
 */
@NullMarked
package io.liveguard.web.penalty;

import org.jspecify.annotations.NullMarked;
