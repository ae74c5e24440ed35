package io.liveguard.engine.rulepack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionStats;
import io.liveguard.engine.session.Signal;

/**
 * Small sessions for the engine's pack tests: one hour from 2026-11-20T12:00Z, nothing
 * wrong.
 */
final class TestSessions {

	static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

	static final Instant END = START.plus(Duration.ofHours(1));

	private TestSessions() {
	}

	static LiveSession clean(String market) {
		return session("s-clean", market, true);
	}

	static LiveSession unverifiedHost(String market) {
		return session("s-unverified", market, false);
	}

	static LiveSession session(String sessionId, String market, boolean hostVerified, Signal... signals) {
		return new LiveSession(sessionId, "shop-1", market, START, END, new Host("host-1", hostVerified),
				new SessionStats(100, 50, 10, 5, 3, 0), List.of(), List.of(signals));
	}

	/** An instant {@code minutes} into the session. */
	static Instant at(int minutes) {
		return START.plus(Duration.ofMinutes(minutes));
	}

}
