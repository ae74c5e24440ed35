package io.liveguard.web.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.github.benmanes.caffeine.cache.Policy;
import io.liveguard.web.apikey.ApiKeys;
import io.liveguard.web.rulepack.PackVersions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

class CacheConfigurationTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(CacheConfiguration.class);

	@Test
	void theDefaultsAreTheDocumentedOnes() {
		this.context.run((context) -> {
			CacheManager caches = context.getBean(CacheManager.class);
			assertThat(expiry(caches, ApiKeys.CACHE)).isEqualTo(Duration.ofSeconds(5));
			assertThat(bound(caches, ApiKeys.CACHE)).isEqualTo(10_000);
			assertThat(bound(caches, PackVersions.CACHE)).isEqualTo(4);
			assertThat(caches.getCacheNames()).containsExactlyInAnyOrder(ApiKeys.CACHE, PackVersions.CACHE);
			assertThat(caches.getCache("anything-else")).as("no unbounded cache made on demand").isNull();
		});
	}

	@Test
	void sizesAndTtlComeFromTheSettings() {
		this.context
			.withPropertyValues("liveguard.api-keys.cache-ttl=PT1M", "liveguard.api-keys.cache-size=50",
					"liveguard.pack-cache-size=2")
			.run((context) -> {
				CacheManager caches = context.getBean(CacheManager.class);
				assertThat(expiry(caches, ApiKeys.CACHE)).isEqualTo(Duration.ofMinutes(1));
				assertThat(bound(caches, ApiKeys.CACHE)).isEqualTo(50);
				assertThat(bound(caches, PackVersions.CACHE)).isEqualTo(2);
			});
	}

	@Test
	void refusesANegativeTtlOrAnEmptyCache() {
		this.context.withPropertyValues("liveguard.api-keys.cache-ttl=-PT1S")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("liveguard.api-keys.cache-ttl must not be negative"));
		this.context.withPropertyValues("liveguard.pack-cache-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("liveguard.pack-cache-size must be at least 1"));
	}

	@Test
	void anApiKeyIsKeptForTheTtlThenForgotten() {
		Cache keys = caches(Duration.ofSeconds(5), 10).getCache(ApiKeys.CACHE);
		keys.put("hash-1", "key-1");

		this.nanos.addAndGet(Duration.ofMillis(4999).toNanos());
		assertThat(keys.get("hash-1")).isNotNull();
		this.nanos.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(keys.get("hash-1")).isNull();
	}

	@Test
	void aZeroTtlKeepsNoApiKey() {
		Cache keys = caches(Duration.ZERO, 10).getCache(ApiKeys.CACHE);

		keys.put("hash-1", "key-1");

		assertThat(keys.get("hash-1")).isNull();
	}

	@Test
	void keepsNoMoreApiKeysThanItsBound() {
		CaffeineCache keys = (CaffeineCache) caches(Duration.ofSeconds(5), 10).getCache(ApiKeys.CACHE);

		for (int i = 0; i <= 10; i++) {
			keys.put("hash-" + i, "key-" + i);
		}
		keys.getNativeCache().cleanUp();

		assertThat(keys.getNativeCache().estimatedSize()).isLessThanOrEqualTo(10);
	}

	@Test
	void aPackTheCacheLetsGoIsClosedAndOneItKeepsIsNot() {
		CaffeineCache packs = (CaffeineCache) caches(Duration.ofSeconds(5), 10).getCache(PackVersions.CACHE);
		List<Resource> resources = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Resource resource = new Resource();
			resources.add(resource);
			packs.put("pack@" + i, resource);
		}
		packs.getNativeCache().cleanUp();

		assertThat(packs.getNativeCache().estimatedSize()).isEqualTo(4);
		assertThat(resources).filteredOn((resource) -> resource.closed).hasSize(1);
		assertThat(resources).filteredOn((resource) -> !resource.closed)
			.containsExactlyInAnyOrderElementsOf(
					packs.getNativeCache().asMap().values().stream().map(Resource.class::cast).toList());
	}

	@Test
	void aPackEvictedOrReplacedIsClosed() {
		Cache packs = caches(Duration.ofSeconds(5), 10).getCache(PackVersions.CACHE);
		Resource evicted = new Resource();
		Resource replaced = new Resource();
		packs.put("pack@1", evicted);
		packs.put("pack@2", replaced);

		packs.evict("pack@1");
		packs.put("pack@2", new Resource());

		assertThat(evicted.closed).isTrue();
		assertThat(replaced.closed).isTrue();
	}

	private CaffeineCacheManager caches(Duration ttl, long keys) {
		return CacheConfiguration.caches(new CacheProperties(new CacheProperties.ApiKeyCache(ttl, keys), 4),
				this.nanos::get);
	}

	private static Duration expiry(CacheManager caches, String name) {
		return policy(caches, name).expireAfterWrite().orElseThrow().getExpiresAfter();
	}

	private static long bound(CacheManager caches, String name) {
		return policy(caches, name).eviction().orElseThrow().getMaximum();
	}

	private static Policy<Object, Object> policy(CacheManager caches, String name) {
		return ((CaffeineCache) caches.getCache(name)).getNativeCache().policy();
	}

	/** Stands for a compiled pack: something to close. */
	private static final class Resource implements AutoCloseable {

		private volatile boolean closed;

		@Override
		public void close() {
			this.closed = true;
		}

	}

}
