package io.liveguard.engine.rulepack.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.RulePackSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's side of a draft check, in this JVM: what it answers, and that the answers
 * survive JSON.
 */
class DraftWorkerTests {

	private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

	private final List<DraftReply> replies = new ArrayList<>();

	private final DraftWorker worker = new DraftWorker((reply) -> this.replies
		.add(DraftWorker.JSON.readValue(DraftWorker.JSON.writeValueAsString(reply), DraftReply.class)));

	@Test
	void aDraftThatCompilesIsAnsweredWithItsRuleCount() {
		this.worker.handle(request(DraftRequest.Task.COMPILE, minimal(), List.of()));

		assertThat(this.replies).containsExactly(new DraftReply.Step("compiling"), new DraftReply.Compiled(3));
	}

	@Test
	void aDraftThatDoesNotCompileIsAnsweredWithFileAndLine() {
		List<PackFile> files = edit(minimal(), "rules/minimal.drl",
				(drl) -> drl.replaceFirst("then", "then\n    nonsense here;"));

		this.worker.handle(request(DraftRequest.Task.COMPILE, files, List.of()));

		assertThat(this.replies.get(this.replies.size() - 1)).isInstanceOfSatisfying(DraftReply.Rejected.class,
				(rejected) -> {
					assertThat(rejected.errors().get(0).path()).isEqualTo("rules/minimal.drl");
					assertThat(rejected.errors().get(0).line()).isPositive();
				});
	}

	@Test
	void testCasesRunOneStepEachAndAreAnsweredWithTheirResults() {
		String testCase = "{\"name\": \"clean\", \"session\": " + example("clean-session.json")
				+ ", \"expect\": {\"absent\": [\"OFF_PLATFORM_REDIRECT\"]}}";

		this.worker.handle(request(DraftRequest.Task.TEST, minimal(), List.of(testCase)));

		assertThat(this.replies).hasSize(3);
		assertThat(this.replies.get(1)).isEqualTo(new DraftReply.Step("test case 'clean' (cases[0])"));
		assertThat(this.replies.get(2)).isInstanceOfSatisfying(DraftReply.Tested.class,
				(tested) -> assertThat(tested.results()).singleElement()
					.satisfies((result) -> assertThat(result.passed()).as(result.problems().toString()).isTrue()));
	}

	@Test
	void unreadableTestCasesAreAnsweredBeforeAnythingCompiles() {
		this.worker.handle(request(DraftRequest.Task.TEST, minimal(), List.of("{\"name\": \"no session\"}")));

		assertThat(this.replies).singleElement()
			.isInstanceOfSatisfying(DraftReply.BadCases.class,
					(bad) -> assertThat(bad.errors().get(0).path()).isEqualTo("cases[0]"));
	}

	private static DraftRequest request(DraftRequest.Task task, List<PackFile> files, List<String> cases) {
		return new DraftRequest(task, "minimal", 2, files, cases, AT, Duration.ofSeconds(60));
	}

	private static List<PackFile> minimal() {
		return RulePackSource.fromClasspath("minimal", 1, DraftWorkerTests.class.getClassLoader()).files();
	}

	private static List<PackFile> edit(List<PackFile> files, String path,
			java.util.function.UnaryOperator<String> change) {
		return files.stream()
			.map((file) -> file.path().equals(path) ? new PackFile(path, change.apply(file.content())) : file)
			.toList();
	}

	private static String example(String name) {
		try (InputStream in = DraftWorkerTests.class.getResourceAsStream("/sessions/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
