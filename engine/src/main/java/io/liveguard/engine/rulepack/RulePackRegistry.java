package io.liveguard.engine.rulepack;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The active version of each rule pack, swapped atomically. A caller takes a snapshot
 * with {@link #forMarket(String)} once per unit of work (a request, a batch step), so one
 * unit never mixes versions; an activation never interrupts scoring already under way.
 */
public final class RulePackRegistry {

	/** Pack id used for every market without a pack of its own. */
	public static final String DEFAULT_PACK = "default";

	private final Map<String, AtomicReference<CompiledPack>> active = new ConcurrentHashMap<>();

	/**
	 * Makes {@code pack} the active version of its pack id; returns the version it
	 * replaced, if any, for the caller to {@link CompiledPack#close() close} (calls that
	 * took it before still finish with it).
	 */
	public Optional<CompiledPack> activate(CompiledPack pack) {
		AtomicReference<CompiledPack> slot = this.active.computeIfAbsent(pack.ref().id(),
				(id) -> new AtomicReference<>());
		return Optional.ofNullable(slot.getAndSet(pack));
	}

	public Optional<CompiledPack> active(String packId) {
		AtomicReference<CompiledPack> slot = this.active.get(packId);
		return slot == null ? Optional.empty() : Optional.ofNullable(slot.get());
	}

	public Collection<CompiledPack> all() {
		return this.active.values().stream().map(AtomicReference::get).toList();
	}

	/**
	 * The active pack for a market: the pack that lists the market, else the pack that
	 * lists {@code *}, else the {@value #DEFAULT_PACK} pack.
	 */
	public CompiledPack forMarket(String market) {
		CompiledPack wildcard = null;
		for (AtomicReference<CompiledPack> slot : this.active.values()) {
			CompiledPack pack = slot.get();
			if (pack.settings().markets().contains(market)) {
				return pack;
			}
			if (pack.settings().markets().contains("*")) {
				wildcard = pack;
			}
		}
		if (wildcard != null) {
			return wildcard;
		}
		return active(DEFAULT_PACK).orElseThrow(() -> new IllegalStateException("No rule pack is active for market "
				+ market + " (active: " + List.copyOf(this.active.keySet()) + ")"));
	}

}
