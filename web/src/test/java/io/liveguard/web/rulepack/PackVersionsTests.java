package io.liveguard.web.rulepack;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.liveguard.batch.rulepack.CompiledVersions;
import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.batch.rulepack.RulePackStore;
import io.liveguard.engine.DomainException;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackRegistry;
import io.liveguard.engine.scoring.RulePackRef;
import io.liveguard.web.system.CacheConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Versions other than the active one come from the application's cache of compiled packs,
 * which closes the packs it lets go, but never one a call is still scoring with.
 */
class PackVersionsTests {

	private final RulePackStore store = mock(RulePackStore.class);

	private final RulePackCompiler compiler = mock(RulePackCompiler.class);

	private final RulePackRegistry registry = new RulePackRegistry();

	/** Every pack compiled, in order. */
	private final List<CompiledPack> compiled = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(CacheConfiguration.class);

	PackVersionsTests() {
		given(this.store.find(eq("default"), anyInt())).willAnswer((invocation) -> Optional
			.of(new PackVersion("default", invocation.getArgument(1), PackVersion.Status.RETIRED, null, "", "author",
					Instant.EPOCH, Instant.EPOCH, null, null, List.of())));
		given(this.compiler.compile(any())).willAnswer((invocation) -> {
			CompiledPack pack = mock(CompiledPack.class);
			this.compiled.add(pack);
			return pack;
		});
	}

	@Test
	void aVersionAskedForAgainIsCompiledOnce() {
		this.context.run((context) -> {
			PackVersions versions = versions(context.getBean(CacheManager.class));

			CompiledPack first = versions.withCompiled("default", 2, (pack) -> pack);
			CompiledPack again = versions.withCompiled("default", 2, (pack) -> pack);

			assertThat(again).isSameAs(first);
			assertThat(this.compiled).hasSize(1);
		});
	}

	@Test
	void aPackEvictedFromTheCacheIsClosed() {
		this.context.withPropertyValues("liveguard.pack-cache-size=1").run((context) -> {
			CaffeineCache cache = (CaffeineCache) context.getBean(CacheManager.class).getCache(PackVersions.CACHE);
			PackVersions versions = versions(context.getBean(CacheManager.class));

			versions.withCompiled("default", 1, (pack) -> pack);
			versions.withCompiled("default", 2, (pack) -> pack);
			cache.getNativeCache().cleanUp();

			assertThat(cache.getNativeCache().estimatedSize()).isOne();
			CompiledPack kept = ((SharedPack) cache.getNativeCache().asMap().values().iterator().next()).pack();
			CompiledPack evicted = (kept == this.compiled.get(0)) ? this.compiled.get(1) : this.compiled.get(0);
			verify(evicted).close();
			verify(kept, never()).close();
		});
	}

	@Test
	void aPackInUseIsClosedOnlyOnceTheCallUsingItIsDone() {
		this.context.run((context) -> {
			CaffeineCache cache = (CaffeineCache) context.getBean(CacheManager.class).getCache(PackVersions.CACHE);
			PackVersions versions = versions(context.getBean(CacheManager.class));

			CompiledPack used = versions.withCompiled("default", 1, (pack) -> {
				cache.invalidate();
				verify(pack, never()).close();
				CompiledPack again = versions.withCompiled("default", 1, (copy) -> copy);
				assertThat(again).as("a new copy, not the one let go").isNotSameAs(pack);
				return pack;
			});

			verify(used).close();
			assertThat(this.compiled).hasSize(2);
			verify(this.compiled.get(1), never()).close();
		});
	}

	@Test
	void callsRacingEvictionsNeverScoreWithAClosedPackAndEveryPackLetGoIsClosedOnce() {
		this.context.withPropertyValues("liveguard.pack-cache-size=1").run((context) -> {
			CaffeineCache cache = (CaffeineCache) context.getBean(CacheManager.class).getCache(PackVersions.CACHE);
			PackVersions versions = versions(context.getBean(CacheManager.class));
			List<Callable<Void>> calls = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				int version = 1 + i % 3;
				calls.add(() -> versions.withCompiled("default", version, (pack) -> {
					assertThat(closes(pack)).as("closes of the pack in use").isZero();
					Thread.yield();
					assertThat(closes(pack)).as("closes of the pack in use").isZero();
					return null;
				}));
			}
			ExecutorService threads = Executors.newFixedThreadPool(4);
			try {
				for (Future<Void> call : threads.invokeAll(calls)) {
					call.get();
				}
			}
			finally {
				threads.shutdown();
			}
			cache.getNativeCache().cleanUp();

			assertThat(cache.getNativeCache().estimatedSize()).isOne();
			CompiledPack kept = ((SharedPack) cache.getNativeCache().asMap().values().iterator().next()).pack();
			assertThat(this.compiled).as("every pack but the one cached is closed once")
				.allSatisfy((pack) -> assertThat(closes(pack)).isEqualTo((pack == kept) ? 0 : 1));
		});
	}

	@Test
	void theActiveVersionComesFromTheEngineUncompiledAndUncached() {
		CompiledPack active = mock(CompiledPack.class);
		given(active.ref()).willReturn(new RulePackRef("default", 3));
		this.registry.activate(active);
		this.context.run((context) -> {
			PackVersions versions = versions(context.getBean(CacheManager.class));

			CompiledPack used = versions.withCompiled("default", 3, (pack) -> pack);

			assertThat(used).isSameAs(active);

			assertThat(this.compiled).isEmpty();
			verify(active, never()).close();
		});
	}

	@Test
	void aLoanHoldsItsPackUntilGivenBackOnceHoweverOftenItIsClosed() {
		this.context.withPropertyValues("liveguard.pack-cache-size=1").run((context) -> {
			PackVersions versions = versions(context.getBean(CacheManager.class));

			// a back-test borrows two versions for the length of its job
			CompiledVersions.Loan baseline = versions.borrow("default", 1);
			CompiledVersions.Loan candidate = versions.borrow("default", 2);
			((CaffeineCache) context.getBean(CacheManager.class).getCache(PackVersions.CACHE)).getNativeCache()
				.cleanUp();
			verify(baseline.pack(), never()).close();
			CompiledPack again = versions.withCompiled("default", 2, (pack) -> pack);
			baseline.close();
			baseline.close();
			candidate.close();

			assertThat(again).as("the cached version, not compiled again").isSameAs(candidate.pack());
			assertThat(this.compiled).hasSize(2);
			assertThat(closes(baseline.pack())).as("evicted while lent, closed once given back").isOne();
			assertThat(closes(candidate.pack())).as("still cached").isZero();
		});
	}

	@Test
	void aVersionThatDoesNotExistIsNotFound() {
		given(this.store.find("default", 9)).willReturn(Optional.empty());
		this.context.run((context) -> {
			PackVersions versions = versions(context.getBean(CacheManager.class));

			assertThatExceptionOfType(PackVersionNotFound.class)
				.isThrownBy(() -> versions.withCompiled("default", 9, (pack) -> pack))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.NOT_FOUND))
				.satisfies((ex) -> assertThat(ex.detail()).isEqualTo("version: rule pack 'default' has no version 9"));
		});
	}

	private static long closes(CompiledPack pack) {
		return mockingDetails(pack).getInvocations()
			.stream()
			.filter((invocation) -> invocation.getMethod().getName().equals("close"))
			.count();
	}

	private PackVersions versions(CacheManager caches) {
		return new PackVersions(this.store, new ScoringEngine(this.registry, this.compiler, Clock.systemUTC()), caches);
	}

}
