package io.liveguard.web.live;

import java.util.function.Function;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.liveguard.engine.live.LiveDecider;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The deciders of open lives, in memory: a bounded cache, since a decider can always be
 * rebuilt from the live's stored signals (after a restart, or once evicted). An evicted
 * decider is closed (its Drools session released), but never while a request uses it.
 */
@Component
@EnableConfigurationProperties(LiveProperties.class)
class OpenLives {

	private final Cache<String, Held> deciders;

	OpenLives(LiveProperties properties) {
		this.deciders = Caffeine.newBuilder()
			.maximumSize(properties.deciders())
			.<String, Held>removalListener((liveId, held, cause) -> {
				if (held != null) {
					held.close();
				}
			})
			.build();
	}

	/**
	 * What {@code work} makes of the live's decider, the one in memory or, when there is
	 * none, the one {@code rebuild} makes. The caller holds the live's lock.
	 */
	<T> T with(String liveId, Supplier<LiveDecider> rebuild, Function<LiveDecider, T> work) {
		while (true) {
			Held held = this.deciders.get(liveId, (id) -> new Held(rebuild.get()));
			synchronized (held) {
				if (!held.closed) {
					return work.apply(held.decider);
				}
			}
			// evicted and closed between the look-up and now
			this.deciders.asMap().remove(liveId, held);
		}
	}

	/**
	 * Drops the live's decider: it ended, or its state may be ahead of what was stored.
	 */
	void forget(String liveId) {
		this.deciders.invalidate(liveId);
	}

	/** About how many deciders are in memory. */
	long size() {
		return this.deciders.estimatedSize();
	}

	/** Whether the live's decider is in memory. */
	boolean holds(String liveId) {
		return this.deciders.getIfPresent(liveId) != null;
	}

	/** A decider and whether it was closed. */
	private static final class Held {

		private final LiveDecider decider;

		private boolean closed;

		Held(LiveDecider decider) {
			this.decider = decider;
		}

		synchronized void close() {
			if (!this.closed) {
				this.closed = true;
				this.decider.close();
			}
		}

	}

}
