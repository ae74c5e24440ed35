package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Which pack scores a market, and swapping versions while sessions are being scored. */
class RulePackRegistryTests {

	private static final Instant SCORED_AT = Instant.parse("2026-11-21T00:00:00Z");

	private static CompiledPack defaultV1;

	private static CompiledPack defaultV2;

	private static CompiledPack defaultV3;

	private static CompiledPack vn;

	private static CompiledPack southEastAsia;

	private static CompiledPack global;

	private static CompiledPack defaultForSingaporeOnly;

	private final RulePackRegistry registry = new RulePackRegistry();

	@BeforeAll
	static void compilePacks() {
		RulePackCompiler compiler = new RulePackCompiler();
		defaultV1 = compiler.compile(TestPacks.minimal("default", 1, "*"));
		defaultV2 = compiler.compile(TestPacks.minimal("default", 2, "*"));
		defaultV3 = compiler.compile(TestPacks.minimal("default", 3, "*"));
		vn = compiler.compile(TestPacks.minimal("vn", 1, "VN"));
		southEastAsia = compiler.compile(TestPacks.minimal("sea", 1, "ID, TH"));
		global = compiler.compile(TestPacks.minimal("global", 1, "*"));
		defaultForSingaporeOnly = compiler.compile(TestPacks.minimal("default", 4, "SG"));
	}

	@AfterAll
	static void closePacks() {
		for (CompiledPack pack : List.of(defaultV1, defaultV2, defaultV3, vn, southEastAsia, global,
				defaultForSingaporeOnly)) {
			pack.close();
		}
	}

	@Test
	void routesAMarketToThePackThatListsIt() {
		this.registry.activate(defaultV1);
		this.registry.activate(vn);

		assertThat(this.registry.forMarket("VN")).isSameAs(vn);
	}

	@Test
	void prefersThePackThatListsTheMarketWhicheverWasActivatedFirst() {
		this.registry.activate(vn);
		this.registry.activate(defaultV1);

		assertThat(this.registry.forMarket("VN")).isSameAs(vn);
	}

	@Test
	void routesEachMarketOfAPackListingSeveral() {
		this.registry.activate(defaultV1);
		this.registry.activate(southEastAsia);

		assertThat(this.registry.forMarket("ID")).isSameAs(southEastAsia);
		assertThat(this.registry.forMarket("TH")).isSameAs(southEastAsia);
		assertThat(this.registry.forMarket("VN")).isSameAs(defaultV1);
	}

	@Test
	void routesAMarketWithoutAPackToTheWildcardPack() {
		this.registry.activate(vn);
		this.registry.activate(global);

		assertThat(this.registry.forMarket("PH")).isSameAs(global);
	}

	@Test
	void routesAMarketWithoutAPackToTheDefaultPackWhenNoPackListsTheWildcard() {
		this.registry.activate(vn);
		this.registry.activate(defaultForSingaporeOnly);

		assertThat(this.registry.forMarket("PH")).isSameAs(defaultForSingaporeOnly);
	}

	@Test
	void failsNamingTheMarketWhenNoPackCanScoreIt() {
		this.registry.activate(vn);

		assertThatIllegalStateException().isThrownBy(() -> this.registry.forMarket("PH"))
			.withMessageContaining("PH")
			.withMessageContaining("vn");
	}

	@Test
	void failsWhenNothingIsActive() {
		assertThatIllegalStateException().isThrownBy(() -> this.registry.forMarket("VN"));
	}

	@Test
	void returnsNothingWhenActivatingTheFirstVersion() {
		assertThat(this.registry.activate(defaultV1)).isEmpty();
		assertThat(this.registry.active("default")).containsSame(defaultV1);
	}

	@Test
	void returnsThePreviousVersionWhenActivatingAnother() {
		this.registry.activate(defaultV1);

		assertThat(this.registry.activate(defaultV2)).containsSame(defaultV1);
		assertThat(this.registry.activate(defaultV3)).containsSame(defaultV2);
		assertThat(this.registry.active("default")).containsSame(defaultV3);
		assertThat(this.registry.forMarket("VN")).isSameAs(defaultV3);
	}

	@Test
	void keepsOneActiveVersionPerPackId() {
		this.registry.activate(defaultV1);
		this.registry.activate(vn);
		this.registry.activate(defaultV2);

		assertThat(this.registry.all()).containsExactlyInAnyOrder(defaultV2, vn);
		assertThat(this.registry.active("sea")).isEmpty();
	}

	@Test
	void letsASnapshotScoreWithItsVersionAfterAnotherIsActivated() {
		this.registry.activate(defaultV1);
		CompiledPack snapshot = this.registry.forMarket("VN");

		this.registry.activate(defaultV2);
		ScoreCard card = snapshot.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT);

		assertThat(card.rulePack().version()).isEqualTo(1);
		assertThat(this.registry.forMarket("VN").ref().version()).isEqualTo(2);
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void aReplacedVersionClosedWhileCallsScoreWithItLetsThemAllFinishAndStillScores() throws Exception {
		CompiledPack replaced = new RulePackCompiler().compile(TestPacks.minimal("default", 7, "*"));
		this.registry.activate(replaced);
		CompiledPack snapshot = this.registry.forMarket("VN");
		LiveSession session = TestSessions.unverifiedHost("VN");
		ScoreCard before = snapshot.score(session, SellerHistory.NONE, SCORED_AT);
		AtomicLong scored = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<ScoreCard>>> scorers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				scorers.add(pool.submit(() -> {
					List<ScoreCard> cards = new ArrayList<>();
					for (int i = 0; i < 200; i++) {
						cards.add(snapshot.score(session, SellerHistory.NONE, SCORED_AT));
						scored.incrementAndGet();
					}
					return cards;
				}));
			}
			while (scored.get() < 100) {
				Thread.onSpinWait();
			}
			this.registry.activate(defaultV2).ifPresent(CompiledPack::close);
			for (Future<List<ScoreCard>> scorer : scorers) {
				assertThat(scorer.get()).hasSize(200).containsOnly(before);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(snapshot.score(session, SellerHistory.NONE, SCORED_AT)).as("a straggler after the close")
			.isEqualTo(before);
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void neverFailsACallWhileVersionsAreSwappedUnderManyScoringThreads() throws Exception {
		int threads = 8;
		int swaps = 150;
		int minScoresPerThread = 50;
		List<CompiledPack> versions = List.of(defaultV1, defaultV2, defaultV3);
		LiveSession session = TestSessions.unverifiedHost("TH");
		this.registry.activate(defaultV1);
		AtomicInteger failures = new AtomicInteger();
		AtomicLong scored = new AtomicLong();
		AtomicBoolean swapping = new AtomicBoolean(true);
		Set<Integer> versionsSeen = ConcurrentHashMap.newKeySet();
		List<Throwable> firstFailures = new ArrayList<>();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> scorers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				scorers.add(pool.submit(() -> {
					start.await();
					int mine = 0;
					while (swapping.get() || mine < minScoresPerThread) {
						try {
							ScoreCard card = this.registry.forMarket("TH")
								.score(session, SellerHistory.NONE, SCORED_AT);
							if (card.violationPoints() != 6 || !card.rulePack().id().equals("default")) {
								throw new AssertionError("unexpected score card " + card);
							}
							versionsSeen.add(card.rulePack().version());
						}
						catch (Throwable ex) {
							failures.incrementAndGet();
							synchronized (firstFailures) {
								if (firstFailures.size() < 3) {
									firstFailures.add(ex);
								}
							}
						}
						mine++;
						scored.incrementAndGet();
					}
					return null;
				}));
			}
			start.countDown();
			for (int i = 1; i <= swaps; i++) {
				this.registry.activate(versions.get(i % versions.size()));
				// wait until more calls finished than threads were busy at the swap: one
				// of them began after it
				long atSwap = scored.get();
				while (scored.get() <= atSwap + threads && failures.get() == 0) {
					Thread.onSpinWait();
				}
			}
			swapping.set(false);
			for (Future<?> scorer : scorers) {
				scorer.get();
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(firstFailures).isEmpty();
		assertThat(failures.get()).isZero();
		assertThat(scored.get()).isGreaterThanOrEqualTo((long) threads * minScoresPerThread);
		assertThat(versionsSeen).containsExactlyInAnyOrder(1, 2, 3);
	}

}
