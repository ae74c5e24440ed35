/**
 * The penalty ladder: how a seller's violation points become graded live-posting bans.
 * Pure domain logic over pack data ({@link io.liveguard.engine.penalty.Ladder}); the
 * nightly batch job loads a {@link io.liveguard.engine.penalty.SellerRecord}, asks it to
 * decide, and stores the result.
 */
@NullMarked
package io.liveguard.engine.penalty;

import org.jspecify.annotations.NullMarked;
