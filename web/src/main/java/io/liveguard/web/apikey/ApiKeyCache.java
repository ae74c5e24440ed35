package io.liveguard.web.apikey;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Working API keys by the SHA-256 of their value, each kept for {@code ttl} after it was read, so a
 * client's requests do not each cost a database lookup. Only keys found working are kept (an unknown
 * or revoked key is looked up every time, so guessing gains nothing), and there are only as many as
 * admins created. {@link #invalidate} drops a key at once when this node rotates or revokes it; another
 * node keeps accepting it until its entry is {@code ttl} old. A zero ttl turns the cache off.
 */
final class ApiKeyCache {

	/** Far more than the keys of all clients; a bound, should anything present many working keys. */
	static final int MAX_ENTRIES = 10_000;

	private final long ttlNanos;

	private final LongSupplier ticker;

	private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();

	/** Counts invalidations, so a lookup that raced one does not keep what it read. */
	private final AtomicLong invalidations = new AtomicLong();

	/**
	 * @param ttl how long a key read from the database is trusted
	 * @param ticker nanoseconds from an arbitrary origin ({@code System::nanoTime})
	 */
	ApiKeyCache(Duration ttl, LongSupplier ticker) {
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("liveguard.api-keys.cache-ttl must not be negative: " + ttl);
		}
		this.ttlNanos = ttl.toNanos();
		this.ticker = ticker;
	}

	/** The working key of this hash: kept if read less than ttl ago, else from {@code lookup}. */
	Optional<ApiKey> get(String hash, Function<String, Optional<ApiKey>> lookup) {
		if (this.ttlNanos == 0) {
			return lookup.apply(hash);
		}
		long now = this.ticker.getAsLong();
		Entry kept = this.byHash.get(hash);
		if (kept != null && now - kept.readAt() < this.ttlNanos) {
			return Optional.of(kept.apiKey());
		}
		long generation = this.invalidations.get();
		Optional<ApiKey> found = lookup.apply(hash);
		if (found.isEmpty()) {
			if (kept != null) {
				this.byHash.remove(hash, kept);
			}
			return found;
		}
		if (this.byHash.size() >= MAX_ENTRIES) {
			this.byHash.clear();
		}
		Entry entry = new Entry(found.get(), now);
		this.byHash.put(hash, entry);
		// an invalidation since the lookup began may have missed this entry: the read may predate it
		if (this.invalidations.get() != generation) {
			this.byHash.remove(hash, entry);
		}
		return found;
	}

	/** Forgets the key with this id at once, whatever its value; called once a rotation or revocation commits. */
	void invalidate(String id) {
		this.invalidations.incrementAndGet();
		this.byHash.values().removeIf((entry) -> entry.apiKey().id().equals(id));
	}

	int size() {
		return this.byHash.size();
	}

	private record Entry(ApiKey apiKey, long readAt) {
	}

}
