package io.liveguard.web.rulepack;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackTests;
import io.liveguard.engine.session.SessionCodec;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/** Runs a version's own test cases, and any given ones, against that version compiled. */
@Service
class RulePackTesting {

	private final RulePackLifecycle lifecycle;

	private final PackVersions versions;

	private final PackTests tests;

	private final Clock clock;

	RulePackTesting(RulePackLifecycle lifecycle, PackVersions versions, SessionCodec codec, Clock clock) {
		this.lifecycle = lifecycle;
		this.versions = versions;
		this.tests = new PackTests(codec);
		this.clock = clock;
	}

	TestReport run(String packId, int version, List<JsonNode> given) {
		PackVersion stored = this.lifecycle.version(packId, version);
		List<PackError> errors = new ArrayList<>();
		List<PackTests.PackTestCase> cases = new ArrayList<>(this.tests.cases(stored.source(), errors));
		for (int i = 0; i < given.size(); i++) {
			PackTests.PackTestCase testCase = this.tests.read("cases[" + i + "]", given.get(i).toString(), errors);
			if (testCase != null) {
				cases.add(testCase);
			}
		}
		if (!errors.isEmpty()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"test cases: " + errors.get(0));
			problem.setProperty("errors", errors);
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		List<PackTests.PackTestResult> results = this.tests.run(this.versions.compiled(packId, version), cases,
				this.clock.instant());
		long passed = results.stream().filter(PackTests.PackTestResult::passed).count();
		return new TestReport(packId, version, passed, results.size() - passed, results);
	}

	record TestReport(String packId, int version, long passed, long failed, List<PackTests.PackTestResult> results) {
	}

}
