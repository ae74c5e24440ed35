package io.liveguard.batch.backtest;

/**
 * A stored session to score again.
 *
 * @param sessionId its id
 * @param record its canonical record JSON
 */
record BacktestSession(String sessionId, String record) {
}
