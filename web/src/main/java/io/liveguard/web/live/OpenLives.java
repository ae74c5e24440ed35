package io.liveguard.web.live;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.liveguard.engine.live.LiveDecider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The deciders of open lives, in memory: a bounded cache, since a decider can always be
 * rebuilt from the live's stored signals (after a restart, or once evicted). Each knows
 * how many of its live's stored requests it has judged; another node may have judged
 * later ones since (docs/lives.md, "Several nodes"), so under the live's row lock a
 * decider behind the row is first fed the requests it missed, and one that cannot be
 * trusted (its request did not commit, or it does not stand where the row does) is
 * replaced by one rebuilt from every stored request. An evicted decider is closed (its
 * Drools session released), but never while a request uses it.
 */
@Component
@EnableConfigurationProperties(LiveProperties.class)
class OpenLives {

	private static final Logger log = LoggerFactory.getLogger(OpenLives.class);

	/**
	 * Requests judged by a decider whose last request is not known to be stored: it was
	 * judged in a transaction that has not committed (yet), or feeding it failed.
	 */
	private static final int UNKNOWN = -1;

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
	 * What {@code work} makes of the live's decider, standing where the live's locked row
	 * does: the one in memory, fed the stored requests it missed, or one rebuilt from
	 * every stored request. The decider counts as standing after {@code after} stored
	 * requests once the caller's transaction commits; if it does not, the decider is
	 * dropped.
	 * @param live the live, its row locked by the caller's transaction
	 * @param after the live's stored requests once the work is stored
	 * @param source where the live's deciders come from
	 * @param work what judges the request with the decider
	 */
	<T> T with(StoredLive live, int after, Source source, Function<LiveDecider, T> work) {
		String liveId = live.liveId();
		while (true) {
			Held held = this.deciders.get(liveId, (id) -> rebuild(live, source));
			synchronized (held) {
				if (!held.closed && catchUp(held, live, source)) {
					// ahead of what is stored until the transaction commits
					held.judged = UNKNOWN;
					TransactionSynchronizationManager.registerSynchronization(new Judging(liveId, held, after));
					return work.apply(held.decider);
				}
			}
			// evicted and closed between the look-up and now, or not to be trusted: the
			// next turn rebuilds it
			this.deciders.asMap().remove(liveId, held);
		}
	}

	/**
	 * Drops the live's decider: the live ended. (A decider ahead of what was stored is
	 * dropped by its request's {@link Judging}.)
	 */
	void forget(String liveId) {
		this.deciders.invalidate(liveId);
	}

	/** About how many deciders are in memory. */
	long size() {
		return this.deciders.estimatedSize();
	}

	/**
	 * How many deciders in memory keep a Drools session between requests, not only their
	 * facts (docs/lives.md, "Memory").
	 */
	long keepingSessions() {
		return this.deciders.asMap().values().stream().filter((held) -> held.decider.keepsSession()).count();
	}

	/** Whether the live's decider is in memory. */
	boolean holds(String liveId) {
		return this.deciders.getIfPresent(liveId) != null;
	}

	/**
	 * A new decider fed every stored request of the live.
	 * @throws IllegalStateException when it does not stand where the live's row does
	 */
	private static Held rebuild(StoredLive live, Source source) {
		LiveDecider decider = source.open();
		try {
			source.feed(decider, 0);
			if (!stands(decider, live)) {
				throw new IllegalStateException("Live " + live.liveId() + " replayed to " + position(decider)
						+ " where " + position(live) + " is stored");
			}
			log.debug("Live {} rebuilt from {} stored requests ({})", live.liveId(), live.batches(), position(decider));
			return new Held(decider, live.batches());
		}
		catch (RuntimeException ex) {
			decider.close();
			throw ex;
		}
	}

	/**
	 * Brings the decider to where the live's row stands, feeding it the requests stored
	 * after its own (judged on another node).
	 * @return whether it stands there; if not, it is to be replaced
	 */
	private static boolean catchUp(Held held, StoredLive live, Source source) {
		int judged = held.judged;
		if (judged == UNKNOWN || judged > live.batches()) {
			return false;
		}
		if (judged < live.batches()) {
			held.judged = UNKNOWN;
			source.feed(held.decider, judged);
			log.debug("Live {} caught up from request {} to {}", live.liveId(), judged, live.batches());
		}
		if (!stands(held.decider, live)) {
			log.warn("Live {}: the decider in memory stands at {} where {} is stored; rebuilding it", live.liveId(),
					position(held.decider), position(live));
			return false;
		}
		held.judged = live.batches();
		return true;
	}

	/** Whether the decider's counters, strikes and status are the live row's. */
	private static boolean stands(LiveDecider decider, StoredLive live) {
		return position(decider).equals(position(live));
	}

	private static String position(LiveDecider decider) {
		return position(decider.accepted(), decider.actions(), decider.strikes(), decider.status().name());
	}

	private static String position(StoredLive live) {
		return position(live.signalsAccepted(), live.actions(), live.strikes(), live.status().name());
	}

	private static String position(int accepted, int actions, int strikes, String status) {
		return accepted + " signals, " + actions + " actions, " + strikes + " strikes, " + status;
	}

	/** Where a live's deciders come from. */
	interface Source {

		/** A new decider of the live, fed nothing yet. */
		LiveDecider open();

		/**
		 * Feeds the decider, which judged the live's first {@code judged} stored
		 * requests, the stored requests after them, in order.
		 */
		void feed(LiveDecider decider, int judged);

	}

	/** A decider, how many stored requests it judged, and whether it was closed. */
	private static final class Held {

		private final LiveDecider decider;

		private int judged;

		private boolean closed;

		Held(LiveDecider decider, int judged) {
			this.decider = decider;
			this.judged = judged;
		}

		synchronized void close() {
			if (!this.closed) {
				this.closed = true;
				this.decider.close();
			}
		}

	}

	/**
	 * A request being judged with a decider: once its transaction commits the decider
	 * stands after {@code after} stored requests; otherwise it is ahead of what is
	 * stored, and dropped.
	 */
	private final class Judging implements TransactionSynchronization {

		private final String liveId;

		private final Held held;

		private final int after;

		Judging(String liveId, Held held, int after) {
			this.liveId = liveId;
			this.held = held;
			this.after = after;
		}

		@Override
		public void afterCompletion(int status) {
			if (status == STATUS_COMMITTED) {
				synchronized (this.held) {
					if (this.held.judged == UNKNOWN) {
						this.held.judged = this.after;
					}
				}
			}
			else {
				OpenLives.this.deciders.asMap().remove(this.liveId, this.held);
			}
		}

	}

}
