package io.liveguard.web.system;

import java.util.List;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Ticker;
import io.liveguard.web.apikey.ApiKeys;
import io.liveguard.web.rulepack.PackVersions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's caches, Caffeine behind Spring's cache abstraction, each with its own
 * bound and expiry in one place, and no others: a cache nobody configured would have no
 * bound. A value holding resources (a compiled rule pack) is closed when its cache lets
 * it go. Both record statistics, so the cache meters Boot binds (hits, misses, evictions)
 * have something to count. Public so tests of the features can load it as the application
 * does.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
public class CacheConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

	@Bean
	CacheManager cacheManager(CacheProperties properties) {
		return caches(properties, Ticker.systemTicker());
	}

	/** The caches, their expiry measured by {@code ticker}. */
	static CaffeineCacheManager caches(CacheProperties properties, Ticker ticker) {
		CaffeineCacheManager caches = new CaffeineCacheManager();
		caches.setAllowNullValues(false);
		// no caches made on demand for other names
		caches.setCacheNames(List.of());
		caches.registerCustomCache(ApiKeys.CACHE,
				Caffeine.newBuilder()
					.expireAfterWrite(properties.apiKeys().cacheTtl())
					.maximumSize(properties.apiKeys().cacheSize())
					.ticker(ticker)
					.recordStats()
					.build());
		caches.registerCustomCache(PackVersions.CACHE, Caffeine.newBuilder()
			.maximumSize(properties.packCacheSize())
			// evicted packs are closed on the thread that evicted them, not later on a
			// shared pool
			.executor(Runnable::run)
			.removalListener(CacheConfiguration::close)
			.recordStats()
			.build());
		return caches;
	}

	private static void close(@Nullable Object key, @Nullable Object value, RemovalCause cause) {
		if (value instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				log.warn("Could not close {} ({}) as it left its cache", key, cause, ex);
			}
		}
	}

}
