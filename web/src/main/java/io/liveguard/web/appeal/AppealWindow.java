package io.liveguard.web.appeal;

import java.time.Duration;
import java.time.Instant;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.penalty.Ladder;

import org.springframework.stereotype.Component;

/**
 * How long a session's findings may be appealed: the active rule pack's
 * {@code appeal.windowDays} of the session's market, counted from the session's start.
 * Filing and the pages ask the same window.
 */
@Component
public class AppealWindow {

	private final ScoringEngine engine;

	AppealWindow(ScoringEngine engine) {
		this.engine = engine;
	}

	public int days(String market) {
		return Ladder.from(this.engine.registry().forMarket(market).settings()).appealWindowDays();
	}

	/**
	 * The last instant a finding of a session of {@code market} that started at
	 * {@code startedAt} may be appealed.
	 */
	public Instant closesAt(String market, Instant startedAt) {
		return startedAt.plus(Duration.ofDays(days(market)));
	}

	public boolean isOpen(String market, Instant startedAt, Instant now) {
		return !now.isAfter(closesAt(market, startedAt));
	}

}
