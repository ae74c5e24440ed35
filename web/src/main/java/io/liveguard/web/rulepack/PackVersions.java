package io.liveguard.web.rulepack;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;

import org.springframework.stereotype.Service;

/**
 * Any stored version of a rule pack, compiled: the active one straight from the engine, others
 * compiled on demand and kept in a small cache (a few analysts re-scoring disputed sessions ask for
 * the same handful of versions).
 */
@Service
public class PackVersions {

	private static final int CACHED = 4;

	private final RulePackStore store;

	private final ScoringEngine engine;

	private final Map<String, CompiledPack> cache = new LinkedHashMap<>(CACHED, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, CompiledPack> eldest) {
			return size() > CACHED;
		}

	};

	PackVersions(RulePackStore store, ScoringEngine engine) {
		this.store = store;
		this.engine = engine;
	}

	/** The version of {@code packId} that was active at {@code instant}. */
	public int activeAt(String packId, Instant instant) {
		return this.store.activeAt(packId, instant)
			.orElseThrow(() -> new PackNotFound(packId));
	}

	/** The compiled version; compiling a version not in use takes a second or so. */
	public CompiledPack compiled(String packId, int version) {
		CompiledPack active = this.engine.registry().active(packId).orElse(null);
		if (active != null && active.ref().version() == version) {
			return active;
		}
		String key = packId + "@" + version;
		synchronized (this.cache) {
			CompiledPack cached = this.cache.get(key);
			if (cached != null) {
				return cached;
			}
		}
		CompiledPack compiled = this.engine.compiler()
			.compile(this.store.find(packId, version)
				.orElseThrow(() -> new PackVersionNotFound(packId, version))
				.source());
		synchronized (this.cache) {
			this.cache.put(key, compiled);
		}
		return compiled;
	}

}
