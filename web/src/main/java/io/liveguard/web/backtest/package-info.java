/**
 * Back-tests, for analysts: re-score stored sessions with a rule-pack version and replay
 * the penalty ladder, over the API and in the pages; the job is the batch module's
 * {@link io.liveguard.batch.backtest.Backtests}.
 */
@NullMarked
package io.liveguard.web.backtest;

import org.jspecify.annotations.NullMarked;
