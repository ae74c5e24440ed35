package io.liveguard.web.rulepack;

import java.util.List;
import java.util.Map;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.rulepack.PackTests;

/**
 * A version whose own test cases (sessions and scripted lives) do not all pass is not
 * published: the detail names each failing case and what failed, {@code failed} lists
 * them.
 */
class PackTestsFailed extends DomainException {

	private final List<PackTests.PackTestResult> failed;

	PackTestsFailed(String packId, int version, int cases, List<PackTests.PackTestResult> failed) {
		super(Kind.UNPROCESSABLE, "Test cases failed",
				"rule pack '" + packId + "' v" + version + " is not published: " + failed.size() + " of " + cases
						+ " test cases failed: "
						+ String.join("; ",
								failed.stream()
									.map((result) -> "'" + result.name() + "' (" + result.path() + "): "
											+ String.join(", ", result.problems()))
									.toList()));
		this.failed = List.copyOf(failed);
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("failed", this.failed);
	}

}
