package io.liveguard.batch.penalty;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.liveguard.engine.penalty.Penalty;

/**
 * The hot path the platform calls before every go-live: the standing penalties of every
 * banned seller, in memory. The penalty run and appeal decisions refresh the sellers they
 * touch after their transaction commits, and a full reload replaces the whole map
 * atomically (at start-up and periodically, so several application nodes converge). A
 * seller absent from the map may go live.
 */
public class EligibilityIndex {

	private final Penalties penalties;

	private final Clock clock;

	private volatile ConcurrentHashMap<String, List<Penalty>> standing = new ConcurrentHashMap<>();

	public EligibilityIndex(Penalties penalties, Clock clock) {
		this.penalties = penalties;
		this.clock = clock;
	}

	/** Reloads every standing penalty from the database. */
	public synchronized void reload() {
		ConcurrentHashMap<String, List<Penalty>> loaded = this.penalties.standingAt(this.clock.instant())
			.stream()
			.collect(Collectors.groupingBy(Penalty::sellerId, ConcurrentHashMap::new, Collectors.toList()));
		this.standing = loaded;
	}

	/**
	 * Reloads the standing penalties of some sellers, after a run or an appeal changed
	 * them.
	 */
	public synchronized void refresh(Collection<String> sellerIds) {
		Instant now = this.clock.instant();
		ConcurrentHashMap<String, List<Penalty>> current = this.standing;
		for (String sellerId : sellerIds) {
			List<Penalty> stands = this.penalties.forSeller(sellerId).stream().filter((p) -> p.standsAt(now)).toList();
			if (stands.isEmpty()) {
				current.remove(sellerId);
			}
			else {
				current.put(sellerId, stands);
			}
		}
	}

	/**
	 * The penalty that stops the seller going live at {@code at}: the one that ends last.
	 */
	public Optional<Penalty> blocking(String sellerId, Instant at) {
		List<Penalty> penalties = this.standing.get(sellerId);
		if (penalties == null) {
			return Optional.empty();
		}
		return penalties.stream()
			.filter((penalty) -> penalty.covers(at))
			.max(Comparator.comparing((Penalty penalty) -> penalty.endsAt() == null ? Instant.MAX : penalty.endsAt()));
	}

	/** How many sellers have a standing penalty. */
	public int size() {
		return this.standing.size();
	}

}
