package io.liveguard.web.rulepack;

import java.util.List;
import java.util.Map;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.rulepack.PackTests;

/**
 * A version whose own test cases (sessions and scripted lives) do not all pass is not
 * published: the detail names the first failing cases and what failed, {@code failed}
 * lists every one.
 */
class PackTestsFailed extends DomainException {

	/** Failing cases the detail names; the others are in {@code failed}. */
	private static final int NAMED = 5;

	private final List<PackTests.PackTestResult> failed;

	PackTestsFailed(String packId, int version, int cases, List<PackTests.PackTestResult> failed) {
		super(Kind.UNPROCESSABLE, "Test cases failed", "rule pack '" + packId + "' v" + version + " is not published: "
				+ failed.size() + " of " + cases + " test cases failed: " + named(failed));
		this.failed = List.copyOf(failed);
	}

	private static String named(List<PackTests.PackTestResult> failed) {
		String named = String.join("; ", failed.stream()
			.limit(NAMED)
			.map((result) -> "'" + result.name() + "' (" + result.path() + "): " + String.join(", ", result.problems()))
			.toList());
		return (failed.size() > NAMED) ? named + "; and " + (failed.size() - NAMED) + " more (see failed)" : named;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("failed", this.failed);
	}

}
