package io.liveguard.web.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much the application's caches keep, and for how long.
 *
 * @param apiKeys the cache of working API keys ({@code liveguard.api-keys.*})
 * @param packCacheSize compiled rule pack versions other than the active ones a node
 * keeps in memory, for re-scoring with an older or a named version: a few analysts ask
 * for the same handful of versions, and each holds a Drools knowledge base
 */
@ConfigurationProperties("liveguard")
record CacheProperties(@DefaultValue ApiKeyCache apiKeys, @DefaultValue("4") int packCacheSize) {

	CacheProperties {
		if (packCacheSize < 1) {
			throw new IllegalArgumentException("liveguard.pack-cache-size must be at least 1: " + packCacheSize);
		}
	}

	/**
	 * @param cacheTtl how long a node trusts a working key it read from the database
	 * without reading it again: the longest another node keeps accepting a key after one
	 * node rotated or revoked it (the node that did so stops at once). {@code 0s} reads
	 * the database on every request.
	 * @param cacheSize working keys kept at most: far more than the keys of all clients,
	 * a bound should anything present many working keys
	 */
	record ApiKeyCache(@DefaultValue("PT5S") Duration cacheTtl, @DefaultValue("10000") long cacheSize) {

		ApiKeyCache {
			if (cacheTtl.isNegative()) {
				throw new IllegalArgumentException("liveguard.api-keys.cache-ttl must not be negative: " + cacheTtl);
			}
			if (cacheSize < 1) {
				throw new IllegalArgumentException("liveguard.api-keys.cache-size must be at least 1: " + cacheSize);
			}
		}

	}

}
