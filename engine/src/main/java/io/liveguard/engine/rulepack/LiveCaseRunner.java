package io.liveguard.engine.rulepack;

import java.time.Instant;

/**
 * Runs a scripted live ({@link PackTests.LiveTestCase}) against a compiled pack. The
 * lives feature implements it ({@code io.liveguard.engine.live.LiveTestCases}, found with
 * {@link java.util.ServiceLoader}): a live is decided by the pack, so the pack's test
 * runner cannot know how without depending on the feature that depends on it.
 */
public interface LiveCaseRunner {

	/** Opens the case's live, sends its batches and compares with what it expects. */
	PackTests.PackTestResult run(CompiledPack pack, PackTests.LiveTestCase testCase, Instant at);

}
