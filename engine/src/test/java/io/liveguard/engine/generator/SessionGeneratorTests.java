package io.liveguard.engine.generator;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.liveguard.engine.scoring.SellerHistory.PriorSale;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.engine.session.SessionValidator;
import io.liveguard.engine.session.Signal;
import io.liveguard.engine.text.TextFolding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SessionGeneratorTests {

	private static final SessionCodec codec = new SessionCodec();

	private static final GeneratorSettings SETTINGS = GeneratorSettings.defaults()
		.withCount(4_000)
		.withSellers(60)
		.withSeed(7);

	@Test
	void sameSeedGivesIdenticalSessionsAndHistories() {
		List<String> first = ndjsonWithHistories(new SessionGenerator(SETTINGS.withCount(1_500)));
		List<String> second = ndjsonWithHistories(new SessionGenerator(SETTINGS.withCount(1_500)));
		assertThat(second).isEqualTo(first);
		SessionGenerator reused = new SessionGenerator(SETTINGS.withCount(1_500));
		assertThat(ndjsonWithHistories(reused)).isEqualTo(ndjsonWithHistories(reused)).isEqualTo(first);
	}

	@Test
	void differentSeedGivesDifferentSessions() {
		List<String> seven = ndjsonWithHistories(new SessionGenerator(SETTINGS.withCount(50)));
		List<String> eight = ndjsonWithHistories(new SessionGenerator(SETTINGS.withCount(50).withSeed(8)));
		assertThat(eight).isNotEqualTo(seven);
	}

	@Test
	void everySessionIsValidAndSurvivesTheCodecUnchanged() {
		SessionValidator validator = new SessionValidator();
		new SessionGenerator(SETTINGS).stream().forEach((generated) -> {
			LiveSession session = generated.session();
			assertThat(validator.problems(session)).as(session.sessionId()).isEmpty();
			assertThat(codec.read(codec.write(session))).isEqualTo(session);
		});
	}

	@Test
	void streamsTheRequestedCountInStartOrderWithUniqueIds() {
		List<GeneratedSession> all = new SessionGenerator(SETTINGS).list();
		assertThat(all).hasSize(4_000);
		assertThat(all.stream().map((g) -> g.session().sessionId()).distinct()).hasSize(4_000);
		for (int i = 1; i < all.size(); i++) {
			assertThat(all.get(i).session().startedAt()).isAfterOrEqualTo(all.get(i - 1).session().startedAt());
		}
		LocalDate first = all.get(0).session().startedAt().atOffset(java.time.ZoneOffset.ofHours(7)).toLocalDate();
		LocalDate last = all.get(all.size() - 1)
			.session()
			.startedAt()
			.atOffset(java.time.ZoneOffset.ofHours(7))
			.toLocalDate();
		assertThat(first).isEqualTo(SETTINGS.from());
		assertThat(last).isEqualTo(SETTINGS.from().plusDays(SETTINGS.days() - 1));
		assertThat(all.stream().map((g) -> g.session().sellerId()).distinct().count()).isGreaterThan(50);
		assertThat(all.stream().map((g) -> g.session().market()).collect(Collectors.toSet()))
			.containsExactlyInAnyOrderElementsOf(SETTINGS.markets());
	}

	@Test
	void mixesMostlyCleanSomeSloppyAndFewViolatingSessions() {
		Map<Profile, Integer> counts = new EnumMap<>(Profile.class);
		Set<String> planted = new HashSet<>();
		new SessionGenerator(SETTINGS).forEach((generated) -> {
			counts.merge(generated.profile(), 1, Integer::sum);
			planted.addAll(generated.plantedViolations());
			if (generated.profile() != Profile.VIOLATING) {
				assertThat(generated.plantedViolations()).isEmpty();
			}
		});
		assertThat(counts.get(Profile.CLEAN)).isBetween(2_600, 3_000);
		assertThat(counts.get(Profile.SLOPPY)).isBetween(650, 950);
		assertThat(counts.get(Profile.VIOLATING)).isBetween(300, 500);
		assertThat(planted).containsExactlyInAnyOrderElementsOf(SessionFactory.VIOLATIONS);
	}

	@Test
	void historiesHoldEarlierSalesOfListedProductsWithinTheWindow() {
		Map<String, LiveSession> seen = new HashMap<>();
		new SessionGenerator(SETTINGS).forEach((generated) -> {
			LiveSession session = generated.session();
			Set<String> listed = session.products().stream().map(Product::sku).collect(Collectors.toSet());
			for (PriorSale sale : generated.history().priorSales()) {
				LiveSession earlier = seen.get(sale.sessionId());
				assertThat(earlier).as("prior session of %s", session.sessionId()).isNotNull();
				assertThat(earlier.sellerId()).isEqualTo(session.sellerId());
				assertThat(earlier.stats().orders()).isPositive();
				assertThat(sale.startedAt()).isEqualTo(earlier.startedAt())
					.isBefore(session.startedAt())
					.isAfterOrEqualTo(session.startedAt().minus(Duration.ofDays(SETTINGS.historyDays())));
				assertThat(listed).contains(sale.sku());
				assertThat(earlier.products()).anySatisfy((product) -> {
					assertThat(product.sku()).isEqualTo(sale.sku());
					assertThat(product.livePrice()).isEqualTo(sale.livePrice());
				});
			}
			seen.put(session.sessionId(), session);
		});
	}

	@Test
	void fakeDiscountSetUpsRelistARecentlySoldProductAtAnInflatedListPrice() {
		List<GeneratedSession> fakes = new SessionGenerator(SETTINGS).stream()
			.filter((generated) -> generated.plantedViolations().contains("FAKE_DISCOUNT"))
			.toList();
		assertThat(fakes).hasSizeGreaterThan(10);
		for (GeneratedSession fake : fakes) {
			assertThat(fake.session().products()).anySatisfy((product) -> {
				assertThat(product.listPrice()).isGreaterThan(2 * product.livePrice());
				assertThat(fake.history().priorSales()).anySatisfy((sale) -> {
					assertThat(sale.sku()).isEqualTo(product.sku());
					assertThat(sale.livePrice()).isLessThanOrEqualTo(product.livePrice());
				});
			});
		}
		long daysApart = fakes.stream()
			.filter((fake) -> fake.history()
				.priorSales()
				.stream()
				.anyMatch((sale) -> sale.startedAt().isBefore(fake.session().startedAt().minus(Duration.ofDays(1)))))
			.count();
		assertThat(daysApart).isGreaterThan(fakes.size() / 2);
	}

	@Test
	void transcriptsAreVietnameseWithAndWithoutDiacriticsAndSomeEnglish() {
		List<String> texts = new SessionGenerator(SETTINGS.withCount(500)).sessions()
			.flatMap((session) -> session.signals().stream())
			.filter(Signal.Transcript.class::isInstance)
			.map((signal) -> ((Signal.Transcript) signal).text())
			.toList();
		assertThat(texts).anyMatch((text) -> text.contains("cả nhà"));
		assertThat(texts).anyMatch((text) -> text.toLowerCase().contains("ca nha")
				&& TextFolding.fold(text).equals(text.toLowerCase().replaceAll("[^\\p{L}\\p{N}]+", " ").strip()));
		assertThat(texts).anyMatch((text) -> text.contains("everyone") || text.contains("Thank you"));
	}

	@Test
	void rejectsSettingsThatMakeNoSense() {
		GeneratorSettings defaults = GeneratorSettings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withCount(-1)).withMessageContaining("count");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withSellers(0)).withMessageContaining("sellers");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMarkets(List.of("XX")))
			.withMessageContaining("'XX'");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withDays(0)).withMessageContaining("days");
		assertThatIllegalArgumentException().isThrownBy(() -> Mix.parse("70,30")).withMessageContaining("three");
		assertThatIllegalArgumentException().isThrownBy(() -> Mix.parse("0,0,0")).withMessageContaining("positive");
	}

	private static List<String> ndjsonWithHistories(SessionGenerator generator) {
		return generator.stream()
			.map((generated) -> codec.write(generated.session()) + " " + generated.history() + " " + generated.profile()
					+ generated.plantedQuality() + generated.plantedViolations())
			.toList();
	}

}
