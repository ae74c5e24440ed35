package io.liveguard.web.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyCacheTests {

	private static final ApiKey KEY = new ApiKey("key-1", "Shop VN", "PLATFORM", "lg_abcdefg", "admin",
			Instant.parse("2026-11-01T00:00:00Z"), null, null, null);

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final AtomicInteger lookups = new AtomicInteger();

	private final ApiKeyCache cache = new ApiKeyCache(Duration.ofSeconds(5), this.nanos::get);

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
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void invalidatingAKeyDropsItAtOnce() {
		assertThat(this.cache.get("hash-1", this.database)).contains(KEY);

		this.cache.invalidate("key-1");

		assertThat(this.cache.get("hash-1", (hash) -> Optional.empty())).isEmpty();
	}

	@Test
	void aLookupThatRacedAnInvalidationIsNotKept() {
		// the lookup read the row before the revocation committed; the invalidation came while it ran
		Optional<ApiKey> read = this.cache.get("hash-1", (hash) -> {
			this.cache.invalidate("key-1");
			return Optional.of(KEY);
		});

		assertThat(read).contains(KEY);
		assertThat(this.cache.size()).isZero();
		assertThat(this.cache.get("hash-1", (hash) -> Optional.empty())).isEmpty();
	}

	@Test
	void unknownKeysAreLookedUpEveryTime() {
		assertThat(this.cache.get("hash-2", this.database)).isEmpty();
		assertThat(this.cache.get("hash-2", this.database)).isEmpty();

		assertThat(this.lookups).hasValue(2);
		assertThat(this.cache.size()).isZero();
	}

	@Test
	void aZeroTtlReadsTheDatabaseOnEveryRequest() {
		ApiKeyCache off = new ApiKeyCache(Duration.ZERO, this.nanos::get);

		off.get("hash-1", this.database);
		off.get("hash-1", this.database);

		assertThat(this.lookups).hasValue(2);
		assertThat(off.size()).isZero();
	}

	@Test
	void keepsNoMoreThanItsBound() {
		for (int i = 0; i <= ApiKeyCache.MAX_ENTRIES; i++) {
			this.cache.get("hash-" + i, (hash) -> Optional.of(KEY));
		}

		assertThat(this.cache.size()).isLessThanOrEqualTo(ApiKeyCache.MAX_ENTRIES);
	}

	@Test
	void refusesANegativeTtl() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeyCache(Duration.ofSeconds(-1), System::nanoTime));
	}

}
