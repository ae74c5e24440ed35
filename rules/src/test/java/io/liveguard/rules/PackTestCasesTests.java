package io.liveguard.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackTests;
import io.liveguard.engine.session.SessionCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default pack's own test cases ({@code tests/*.json}, the shared examples) pass
 * against it.
 */
class PackTestCasesTests {

	@Test
	void theDefaultPacksOwnTestCasesPass() {
		PackTests tests = new PackTests(new SessionCodec());
		List<PackError> errors = new ArrayList<>();
		List<PackTests.Case> cases = tests.cases(DefaultPack.pack().source(), errors);
		assertThat(errors).isEmpty();
		assertThat(cases).filteredOn(PackTests.PackTestCase.class::isInstance)
			.extracting(PackTests.Case::path)
			.containsExactlyInAnyOrder("tests/clean.json", "tests/health-claim.json", "tests/low-quality.json",
					"tests/counterfeit.json");
		assertThat(tests.run(DefaultPack.pack(), cases, Instant.parse("2026-11-23T03:00:00Z")))
			.allSatisfy((result) -> assertThat(result.problems()).as(result.name()).isEmpty())
			.allSatisfy((result) -> assertThat(result.passed()).isTrue());
	}

	@Test
	void aCaseThatExpectsWhatThePackDoesNotDoFailsWithTheReason() {
		PackTests tests = new PackTests(new SessionCodec());
		List<PackError> errors = new ArrayList<>();
		PackTests.PackTestCase clean = (PackTests.PackTestCase) tests.cases(DefaultPack.pack().source(), errors)
			.stream()
			.filter((testCase) -> testCase.path().equals("tests/clean.json"))
			.findFirst()
			.orElseThrow();
		PackTests.PackTestCase wrong = new PackTests.PackTestCase("tests/wrong.json", "wrong", clean.session(),
				clean.history(), List.of("FAKE_DISCOUNT"), List.of("TRANSPARENT_INFO"), 50, 3);
		PackTests.PackTestResult result = tests.run(DefaultPack.pack(), List.of(wrong), Instant.now()).get(0);
		assertThat(result.passed()).isFalse();
		assertThat(result.problems()).containsExactly("expected finding FAKE_DISCOUNT is missing",
				"finding TRANSPARENT_INFO should be absent", "content score 100, expected 50",
				"violation points 0, expected 3");
	}

	@Test
	void unreadableTestCasesAreErrorsOfTheirFile() {
		PackTests tests = new PackTests(new SessionCodec());
		List<PackError> errors = new ArrayList<>();
		assertThat(tests.read("tests/broken.json", "{\"name\": \"x\",\n \"session\": {", errors)).isNull();
		assertThat(tests.read("tests/shape.json", "{\"name\": \"x\"}", errors)).isNull();
		assertThat(tests.read("tests/invalid.json", "{\"session\": {\"sessionId\": \"s\"}, \"expect\": {}}", errors))
			.isNull();
		assertThat(errors).extracting(PackError::path)
			.containsExactly("tests/broken.json", "tests/shape.json", "tests/invalid.json");
		assertThat(errors.get(0).message()).startsWith("not JSON");
		assertThat(errors.get(2).message()).startsWith("session:");
	}

}
