package io.liveguard.engine.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What to generate.
 *
 * @param count how many sessions
 * @param sellers how many sellers share them (a few busy sellers stream much more than
 * most)
 * @param markets ISO 3166 alpha-2 market codes; each seller belongs to one, the first
 * market gets half of the sellers
 * @param from the first day (starting at 00:00 UTC+7, South-East Asia)
 * @param days how many days the sessions span, spread with an evening-heavy daily profile
 * @param seed the same seed and settings give the same sessions, byte for byte
 * @param mix the shares of clean, sloppy and violating sessions
 * @param historyDays the look-back window of {@link GeneratedSession#history()}; use the
 * pack's {@code history.lookbackDays}
 */
public record GeneratorSettings(long count, int sellers, List<String> markets, LocalDate from, int days, long seed,
		Mix mix, int historyDays) {

	private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

	public GeneratorSettings {
		markets = List.copyOf(markets);
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative, was " + count);
		}
		if (sellers < 1) {
			throw new IllegalArgumentException("sellers must be at least 1, was " + sellers);
		}
		if (markets.isEmpty()) {
			throw new IllegalArgumentException("markets must name at least one market");
		}
		for (String market : markets) {
			if (!ISO_COUNTRIES.contains(market)) {
				throw new IllegalArgumentException("market '" + market + "' is not an ISO 3166 alpha-2 country code");
			}
		}
		if (days < 1) {
			throw new IllegalArgumentException("days must be at least 1, was " + days);
		}
		if (historyDays < 0) {
			throw new IllegalArgumentException("historyDays must not be negative, was " + historyDays);
		}
	}

	/**
	 * 1,000 sessions of 100 sellers in five markets over 30 days from 2026-11-01, seed
	 * 42.
	 */
	public static GeneratorSettings defaults() {
		return new GeneratorSettings(1_000, 100, List.of("VN", "TH", "ID", "PH", "MY"), LocalDate.of(2026, 11, 1), 30,
				42, Mix.DEFAULT, 7);
	}

	public GeneratorSettings withCount(long count) {
		return new GeneratorSettings(count, this.sellers, this.markets, this.from, this.days, this.seed, this.mix,
				this.historyDays);
	}

	public GeneratorSettings withSellers(int sellers) {
		return new GeneratorSettings(this.count, sellers, this.markets, this.from, this.days, this.seed, this.mix,
				this.historyDays);
	}

	public GeneratorSettings withMarkets(List<String> markets) {
		return new GeneratorSettings(this.count, this.sellers, markets, this.from, this.days, this.seed, this.mix,
				this.historyDays);
	}

	public GeneratorSettings withFrom(LocalDate from) {
		return new GeneratorSettings(this.count, this.sellers, this.markets, from, this.days, this.seed, this.mix,
				this.historyDays);
	}

	public GeneratorSettings withDays(int days) {
		return new GeneratorSettings(this.count, this.sellers, this.markets, this.from, days, this.seed, this.mix,
				this.historyDays);
	}

	public GeneratorSettings withSeed(long seed) {
		return new GeneratorSettings(this.count, this.sellers, this.markets, this.from, this.days, seed, this.mix,
				this.historyDays);
	}

	public GeneratorSettings withMix(Mix mix) {
		return new GeneratorSettings(this.count, this.sellers, this.markets, this.from, this.days, this.seed, mix,
				this.historyDays);
	}

	public GeneratorSettings withHistoryDays(int historyDays) {
		return new GeneratorSettings(this.count, this.sellers, this.markets, this.from, this.days, this.seed, this.mix,
				historyDays);
	}

}
