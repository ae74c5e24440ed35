package io.liveguard.web.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.Test;

import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the key cache keeps and forgets, over a Caffeine cache with the ttl of the
 * application's (its configuration, bound and zero ttl are CacheConfigurationTests').
 */
class ApiKeyCacheTests {

	private static final ApiKey KEY = new ApiKey("key-1", "Shop VN", "PLATFORM", "lg_abcdefg", "admin",
			Instant.parse("2026-11-01T00:00:00Z"), null, null, null);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final AtomicInteger lookups = new AtomicInteger();

	private final Cache entries = new CaffeineCache(ApiKeys.CACHE,
			Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).ticker(this.nanos::get).build(), false);

	private final ApiKeyCache cache = new ApiKeyCache(this.entries);

	private final Function<String, Optional<ApiKey>> database = (hash) -> {
		this.lookups.incrementAndGet();
		return hash.equals("hash-1") ? Optional.of(KEY) : Optional.empty();
	};

	@Test
	void keepsAWorkingKeyForTheTtlThenReadsItAgain() {
		assertThat(this.cache.get("hash-1", this.database)).contains(KEY);
		this.nanos.addAndGet(Duration.ofMillis(4999).toNanos());
		assertThat(this.cache.get("hash-1", this.database)).contains(KEY);
		assertThat(this.lookups).hasValue(1);

		this.nanos.addAndGet(Duration.ofMillis(1).toNanos());
		assertThat(this.cache.get("hash-1", this.database)).contains(KEY);
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void aKeyRevokedElsewhereStopsWorkingOnceItsEntryIsTtlOld() {
		Function<String, Optional<ApiKey>> revoked = (hash) -> Optional.empty();
		assertThat(this.cache.get("hash-1", this.database)).contains(KEY);

		this.nanos.addAndGet(Duration.ofSeconds(4).toNanos());
		assertThat(this.cache.get("hash-1", revoked)).as("within the ttl").contains(KEY);
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(this.cache.get("hash-1", revoked)).as("after the ttl").isEmpty();
		assertThat(this.entries.get("hash-1")).isNull();
	}

	@Test
	void invalidatingDropsAKeyAtOnce() {
		assertThat(this.cache.get("hash-1", this.database)).contains(KEY);

		this.cache.invalidate();

		assertThat(this.cache.get("hash-1", (hash) -> Optional.empty())).isEmpty();
	}

	@Test
	void aLookupThatRacedAnInvalidationIsNotKept() {
		// the lookup read the row before the revocation committed; the invalidation came
		// while it ran
		Optional<ApiKey> read = this.cache.get("hash-1", (hash) -> {
			this.cache.invalidate();
			return Optional.of(KEY);
		});

		assertThat(read).contains(KEY);
		assertThat(this.entries.get("hash-1")).isNull();
		assertThat(this.cache.get("hash-1", (hash) -> Optional.empty())).isEmpty();
	}

	@Test
	void unknownKeysAreLookedUpEveryTime() {
		assertThat(this.cache.get("hash-2", this.database)).isEmpty();
		assertThat(this.cache.get("hash-2", this.database)).isEmpty();

		assertThat(this.lookups).hasValue(2);
		assertThat(this.entries.get("hash-2")).isNull();
	}

}
