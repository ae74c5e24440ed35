package io.liveguard.bench.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code name=value} arguments of the lives benchmark. */
final class Options {

	private final Map<String, String> values;

	private Options(Map<String, String> values) {
		this.values = values;
	}

	static Options parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			String trimmed = arg.startsWith("--") ? arg.substring(2) : arg;
			int equals = trimmed.indexOf('=');
			if (equals < 1) {
				throw new IllegalArgumentException("Arguments are name=value, not " + arg);
			}
			values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
		}
		return new Options(values);
	}

	String text(String name, String fallback) {
		return this.values.getOrDefault(name, fallback);
	}

	int integer(String name, int fallback) {
		return this.values.containsKey(name) ? Integer.parseInt(this.values.get(name)) : fallback;
	}

	long number(String name, long fallback) {
		return this.values.containsKey(name) ? Long.parseLong(this.values.get(name)) : fallback;
	}

	double decimal(String name, double fallback) {
		return this.values.containsKey(name) ? Double.parseDouble(this.values.get(name)) : fallback;
	}

	/** A duration as {@code 30s}, {@code 10m} or ISO-8601 ({@code PT30S}). */
	Duration duration(String name, Duration fallback) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		if (value.startsWith("P") || value.startsWith("p")) {
			return Duration.parse(value);
		}
		long amount = Long.parseLong(value.substring(0, value.length() - 1));
		return switch (value.charAt(value.length() - 1)) {
			case 's' -> Duration.ofSeconds(amount);
			case 'm' -> Duration.ofMinutes(amount);
			case 'h' -> Duration.ofHours(amount);
			default -> throw new IllegalArgumentException(name + " is a duration such as 30s or 10m, not " + value);
		};
	}

}
