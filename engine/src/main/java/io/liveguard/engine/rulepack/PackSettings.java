package io.liveguard.engine.rulepack;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.engine.facts.Detection;

/**
 * The tunable data of a pack: named settings ({@code settings.properties}), the findings
 * table and the keyword lists. Inserted into every rule session so rules read their
 * numbers from here, never from DRL literals:
 * {@code PackSettings($max : num("quality.hostAbsent.maxShare"))}.
 */
public final class PackSettings {

	/** Setting naming how many days of seller history the pack's rules look at. */
	public static final String HISTORY_DAYS = "history.lookbackDays";

	private final Set<String> markets;

	private final Map<String, String> values;

	private final Map<String, Double> numbers;

	private final FindingTable findings;

	private final Set<String> qualityCodes;

	private final Map<String, List<String>> keywordLists;

	/** The settings written as ISO-8601 durations ({@code PT5M}), in milliseconds. */
	private final Map<String, Long> durations;

	PackSettings(Set<String> markets, Map<String, String> values, Map<String, Double> numbers, FindingTable findings,
			Map<String, List<String>> keywordLists) {
		this.markets = Set.copyOf(markets);
		this.values = Map.copyOf(values);
		this.numbers = Map.copyOf(numbers);
		this.findings = findings;
		this.qualityCodes = findings.qualityCodes();
		this.keywordLists = Map.copyOf(keywordLists);
		Map<String, Long> millis = new HashMap<>();
		values.forEach((key, value) -> {
			if (value.startsWith("P") || value.startsWith("-P")) {
				try {
					millis.put(key, Duration.parse(value).toMillis());
				}
				catch (DateTimeParseException notADuration) {
					// a text setting that happens to start with P
				}
			}
		});
		this.durations = Map.copyOf(millis);
	}

	/**
	 * The duration setting {@code key} in milliseconds, for rules that compare it with
	 * the epoch milliseconds of live signals:
	 * {@code PackSettings($window : millis("live.complaints.window"))}.
	 */
	public long millis(String key) {
		Long value = this.durations.get(key);
		if (value == null) {
			throw new IllegalArgumentException("No duration pack setting '" + key + "'");
		}
		return value;
	}

	/** The duration setting {@code key}. */
	public Duration duration(String key) {
		return Duration.ofMillis(millis(key));
	}

	public boolean isDuration(String key) {
		return this.durations.containsKey(key);
	}

	/**
	 * Whether the text setting {@code key}, a comma-separated list, names {@code value}:
	 * {@code listed("live.healthWarning.categories", category.name())}. A missing setting
	 * lists nothing.
	 */
	public boolean listed(String key, String value) {
		String list = this.values.get(key);
		if (list == null) {
			return false;
		}
		for (String item : list.split(",")) {
			if (item.strip().equals(value)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The numeric setting {@code key}; the compiler rejects DRL that names a missing one.
	 */
	public double num(String key) {
		Double value = this.numbers.get(key);
		if (value == null) {
			throw new IllegalArgumentException("No numeric pack setting '" + key + "'");
		}
		return value;
	}

	/**
	 * The numeric setting {@code prefix + name}, for a family of settings keyed by a
	 * value of a fact: {@code numFor("live.strikes.", $candidate.severity)}. The compiler
	 * checks the families it knows.
	 */
	public double numFor(String prefix, Object name) {
		return num(prefix + name);
	}

	/** The setting {@code key} as text. */
	public String text(String key) {
		String value = this.values.get(key);
		if (value == null) {
			throw new IllegalArgumentException("No pack setting '" + key + "'");
		}
		return value;
	}

	public boolean has(String key) {
		return this.values.containsKey(key);
	}

	public boolean isNumeric(String key) {
		return this.numbers.containsKey(key);
	}

	public Map<String, String> values() {
		return this.values;
	}

	/**
	 * Markets this pack scores; {@code *} means every market without a pack of its own.
	 */
	public Set<String> markets() {
		return this.markets;
	}

	/**
	 * The business-day time zone of a market: setting {@code zone.<market>}, else
	 * {@code zone.default}.
	 */
	public ZoneId zoneFor(String market) {
		String zone = this.values.getOrDefault("zone." + market, this.values.getOrDefault("zone.default", "UTC"));
		return ZoneId.of(zone);
	}

	/** Days of seller history the rules look at (0 when the pack needs none). */
	public int historyDays() {
		return this.numbers.containsKey(HISTORY_DAYS) ? (int) num(HISTORY_DAYS) : 0;
	}

	public FindingTable findings() {
		return this.findings;
	}

	public Map<String, List<String>> keywordLists() {
		return this.keywordLists;
	}

	/** For deciding rules: the content score the quality detections add up to. */
	public int contentScore(Collection<Detection> detections) {
		return this.findings.contentScore(detections);
	}

	/**
	 * For deciding rules: whether {@code code} is a quality code of the findings table.
	 */
	public boolean isQuality(String code) {
		return this.findings.isQuality(code);
	}

	/**
	 * For deciding rules: the quality codes of the findings table, to match with
	 * {@code Detection( code memberOf $settings.qualityCodes() )}; unlike
	 * {@code $settings.isQuality(code)} the constraint starts from the pattern's own
	 * property, so Drools stays property reactive (and does not warn).
	 */
	public Set<String> qualityCodes() {
		return this.qualityCodes;
	}

}
