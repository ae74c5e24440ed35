package io.liveguard.web.live;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.liveguard.engine.facts.live.ActionLevel;
import io.liveguard.engine.live.LiveStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * What lives report to Micrometer (README, "Operating LiveGuard"): go-live answers, the
 * signals accepted (on time or late) and the duplicates, the actions decided by level,
 * the time a request of signals takes from its arrival to its commit, the lives open now
 * (a count in the database at each scrape, the same on every node) and the deciders this
 * node holds in memory. Every meter is built here once; no live or seller id is a tag.
 */
@Component
class LiveMeters {

	private final Counter opened;

	private final Counter refused;

	private final Counter onTime;

	private final Counter late;

	private final Counter duplicates;

	private final Counter[] actions = new Counter[ActionLevel.values().length];

	private final Timer decisions;

	LiveMeters(MeterRegistry registry, LiveStore store, OpenLives open) {
		this.opened = checks(registry, "open");
		this.refused = checks(registry, "refused");
		this.onTime = signals(registry, "on_time");
		this.late = signals(registry, "late");
		this.duplicates = signals(registry, "duplicate");
		for (ActionLevel level : ActionLevel.values()) {
			this.actions[level.ordinal()] = Counter.builder("liveguard.lives.actions")
				.description("Actions decided during lives, by level")
				.tag("level", level.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		this.decisions = Timer.builder("liveguard.lives.decision")
			.description("Time from a request of signals' arrival to its decisions being stored")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("liveguard.lives.open", store, (lives) -> lives.count(LiveStatus.OPEN))
			.description("Lives open now (all nodes: read from the database at each scrape)")
			.strongReference(true)
			.register(registry);
		Gauge.builder("liveguard.lives.deciders", open, OpenLives::size)
			.description("Deciders of open lives this node holds in memory")
			.strongReference(true)
			.register(registry);
		Gauge.builder("liveguard.lives.deciders.sessions", open, OpenLives::keepingSessions)
			.description("Deciders of open lives that keep a Drools session between requests "
					+ "(their rules left an event's expiry to come or a logical fact)")
			.strongReference(true)
			.register(registry);
	}

	private static Counter checks(MeterRegistry registry, String answer) {
		return Counter.builder("liveguard.lives.checks")
			.description("Go-live checks of new lives, by answer")
			.tag("answer", answer)
			.register(registry);
	}

	private static Counter signals(MeterRegistry registry, String outcome) {
		return Counter.builder("liveguard.lives.signals")
			.description("Signals received during lives: accepted on time, accepted late, or duplicates")
			.tag("outcome", outcome)
			.register(registry);
	}

	void checked(LiveStatus answer) {
		((answer == LiveStatus.REFUSED) ? this.refused : this.opened).increment();
	}

	/** A request of signals was stored, {@code nanos} after it arrived. */
	void judged(LiveViews.SignalsAnswer answer, long nanos) {
		this.onTime.increment(answer.accepted() - answer.late());
		this.late.increment(answer.late());
		this.duplicates.increment(answer.duplicates());
		for (LiveViews.ActionView action : answer.actions()) {
			this.actions[action.level().ordinal()].increment();
		}
		this.decisions.record(nanos, TimeUnit.NANOSECONDS);
	}

}
