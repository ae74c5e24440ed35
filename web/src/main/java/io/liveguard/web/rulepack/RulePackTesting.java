package io.liveguard.web.rulepack;

import java.time.Clock;
import java.util.List;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.engine.rulepack.PackTests;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Service;

/**
 * Runs a version's own test cases, and any given ones, against that version compiled.
 * Always in a child JVM ({@link DraftChecks}), published versions too: the given sessions
 * are an analyst's input as much as a draft's rules are.
 */
@Service
class RulePackTesting {

	private final RulePackLifecycle lifecycle;

	private final DraftChecks drafts;

	private final Clock clock;

	RulePackTesting(RulePackLifecycle lifecycle, DraftChecks drafts, Clock clock) {
		this.lifecycle = lifecycle;
		this.drafts = drafts;
		this.clock = clock;
	}

	TestReport run(String packId, int version, List<JsonNode> given) {
		PackVersion stored = this.lifecycle.version(packId, version);
		List<PackTests.PackTestResult> results = this.drafts.test(packId, version, stored.files(),
				given.stream().map(JsonNode::toString).toList(), this.clock.instant());
		long passed = results.stream().filter(PackTests.PackTestResult::passed).count();
		return new TestReport(packId, version, passed, results.size() - passed, results);
	}

	record TestReport(String packId, int version, long passed, long failed, List<PackTests.PackTestResult> results) {
	}

}
