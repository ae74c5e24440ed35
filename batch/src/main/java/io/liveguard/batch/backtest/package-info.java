/**
 * Back-tests of rule pack versions: a Spring Batch job scores the stored sessions of a
 * date range with a candidate version and the active one, then replays the penalty ladder
 * for both, and reports the differences per finding code, per day and per seller.
 */
@NullMarked
package io.liveguard.batch.backtest;

import org.jspecify.annotations.NullMarked;
