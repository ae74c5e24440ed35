package io.liveguard.web.rulepack;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

import io.liveguard.batch.rulepack.CompiledVersions;
import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;

/**
 * Any stored version of a rule pack, compiled: the active one straight from the engine,
 * others compiled on demand and kept in the {@value #CACHE} cache (a few analysts
 * re-scoring disputed sessions ask for the same handful of versions;
 * {@code liveguard.pack-cache-size}, 4). A pack the cache lets go is closed once no call
 * scores with it any more, which is why callers get a pack only for the length of
 * {@link #withCompiled}.
 */
@Service
public class PackVersions implements CompiledVersions {

	/**
	 * The cache of compiled versions other than the active ones; system's
	 * CacheConfiguration bounds it.
	 */
	public static final String CACHE = "rule-pack-versions";

	private final RulePackStore store;

	private final ScoringEngine engine;

	private final Cache cache;

	PackVersions(RulePackStore store, ScoringEngine engine, CacheManager caches) {
		this.store = store;
		this.engine = engine;
		this.cache = Objects.requireNonNull(caches.getCache(CACHE), "no cache " + CACHE);
	}

	/** The version of {@code packId} that was active at {@code instant}. */
	public int activeAt(String packId, Instant instant) {
		return this.store.activeAt(packId, instant).orElseThrow(() -> new PackNotFound(packId));
	}

	/**
	 * What {@code work} makes of the compiled version, which is the caller's for this
	 * call only; compiling a version not in use takes a second or so.
	 */
	public <T> T withCompiled(String packId, int version, Function<CompiledPack, T> work) {
		try (Loan loan = borrow(packId, version)) {
			return work.apply(loan.pack());
		}
	}

	@Override
	public Loan borrow(String packId, int version) {
		CompiledPack active = this.engine.registry().active(packId).orElse(null);
		if (active != null && active.ref().version() == version) {
			return new Lent(active, null);
		}
		return new Lent(null, acquire(packId, version));
	}

	private SharedPack acquire(String packId, int version) {
		String key = packId + "@" + version;
		SharedPack cached = this.cache.get(key, SharedPack.class);
		if (cached != null && cached.acquire()) {
			return cached;
		}
		// not cached, or let go of since it was looked up: compile it (again)
		SharedPack compiled = new SharedPack(compile(packId, version));
		if (this.cache.putIfAbsent(key, compiled) != null) {
			// another call cached the version meanwhile: this copy is closed once this
			// call is done with it
			compiled.close();
		}
		return compiled;
	}

	private CompiledPack compile(String packId, int version) {
		return this.engine.compiler()
			.compile(this.store.find(packId, version)
				.orElseThrow(() -> new PackVersionNotFound(packId, version))
				.source());
	}

	/**
	 * The active version (nothing to give back: activation does not close it) or a cached
	 * one, released once.
	 */
	private static final class Lent implements Loan {

		private final CompiledPack pack;

		private @Nullable SharedPack shared;

		Lent(@Nullable CompiledPack active, @Nullable SharedPack shared) {
			this.pack = (shared != null) ? shared.pack() : Objects.requireNonNull(active);
			this.shared = shared;
		}

		@Override
		public CompiledPack pack() {
			return this.pack;
		}

		@Override
		public synchronized void close() {
			if (this.shared != null) {
				this.shared.release();
				this.shared = null;
			}
		}

	}

}
