package io.liveguard.web.apikey;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Component;

/**
 * Working API keys by the SHA-256 of their value, in the {@value ApiKeys#CACHE} cache
 * (each kept for {@code liveguard.api-keys.cache-ttl} after it was read, at most
 * {@code liveguard.api-keys.cache-size} of them), so a client's requests do not each cost
 * a database lookup. Only keys found working are kept (an unknown or revoked key is
 * looked up every time, so guessing gains nothing). {@link #invalidate} empties the cache
 * at once when this node rotates or revokes a key: that is rare, so every other client's
 * key being read once more costs less than finding the key's entries; another node keeps
 * accepting the key until its entry is ttl old.
 */
@Component
final class ApiKeyCache {

	private final Cache cache;

	/** Counts invalidations, so a lookup that raced one does not keep what it read. */
	private final AtomicLong invalidations = new AtomicLong();

	@Autowired
	ApiKeyCache(CacheManager caches) {
		this(Objects.requireNonNull(caches.getCache(ApiKeys.CACHE), "no cache " + ApiKeys.CACHE));
	}

	ApiKeyCache(Cache cache) {
		this.cache = cache;
	}

	/**
	 * The working key of this hash: kept if read less than ttl ago, else from
	 * {@code lookup}.
	 */
	Optional<ApiKey> get(String hash, Function<String, Optional<ApiKey>> lookup) {
		ApiKey kept = this.cache.get(hash, ApiKey.class);
		if (kept != null) {
			return Optional.of(kept);
		}
		long generation = this.invalidations.get();
		Optional<ApiKey> found = lookup.apply(hash);
		if (found.isPresent()) {
			this.cache.put(hash, found.get());
			// an invalidation since the lookup began may have missed this entry: the read
			// may predate it
			if (this.invalidations.get() != generation) {
				this.cache.evictIfPresent(hash);
			}
		}
		return found;
	}

	/** Forgets every key at once; called once a rotation or revocation commits. */
	void invalidate() {
		this.invalidations.incrementAndGet();
		this.cache.invalidate();
	}

}
