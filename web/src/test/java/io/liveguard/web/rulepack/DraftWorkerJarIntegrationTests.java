package io.liveguard.web.rulepack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.liveguard.engine.rulepack.RulePackSource;
import io.liveguard.engine.rulepack.worker.DraftReply;
import io.liveguard.engine.rulepack.worker.DraftRequest;
import io.liveguard.engine.rulepack.worker.DraftWorker;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The draft worker starts from the application as it is deployed, the Boot jar (built by
 * {@code package}, before Failsafe runs; the {@code rabbitmq} profile names it with
 * {@code liveguard.test.jar}), through Boot's PropertiesLauncher, and from the class path
 * of the tests when there is no jar.
 */
class DraftWorkerJarIntegrationTests {

	private static final DraftCheckProperties LIMITS = new DraftCheckProperties(Duration.ofSeconds(90),
			DataSize.ofMegabytes(256), DataSize.ofMegabytes(1), 1, Duration.ofSeconds(1), DataSize.ofMegabytes(4));

	@Test
	void theWorkerCompilesAndTestsTheShippedPackFromTheBootJar() {
		// sessions and scripted lives: the lives feature is found in the jar
		Path jar = Path.of(System.getProperty("liveguard.test.jar", "target/liveguard.jar"));
		ChildJvm jvm = Files.isRegularFile(jar) ? new ChildJvm(LIMITS, jar.toAbsolutePath().toString())
				: new ChildJvm(LIMITS);
		if (Files.isRegularFile(jar)) {
			assertThat(jvm.command("x.Main", List.of(), Path.of("/tmp"))).contains("-Dloader.main=x.Main",
					ChildJvm.BOOT_PROPERTIES_LAUNCHER);
		}
		RulePackSource shipped = RulePackSource.fromClasspath("default", 1, getClass().getClassLoader());
		DraftRequest request = new DraftRequest(DraftRequest.Task.TEST, "default", 2, shipped.files(), List.of(),
				Instant.parse("2026-12-01T00:00:00Z"), Duration.ofSeconds(1));

		ChildJvm.Run run = jvm.run(DraftWorker.class.getName(),
				List.of("-Dlogback.configurationFile=io/liveguard/engine/rulepack/worker/logback.xml"),
				DraftWorker.JSON.writeValueAsBytes(request));

		assertThat(run.ending()).as(run.errorTail()).isEqualTo(ChildJvm.Ending.EXITED);
		assertThat(run.exitCode()).as(run.errorTail()).isZero();
		DraftReply last = DraftWorker.JSON.readValue(run.lines().get(run.lines().size() - 1), DraftReply.class);
		assertThat(last).isInstanceOfSatisfying(DraftReply.Tested.class,
				(tested) -> assertThat(tested.results())
					.hasSize((int) shipped.files().stream().filter((file) -> file.path().startsWith("tests/")).count())
					.anySatisfy((result) -> assertThat(result.found()).contains("STOP OFF_PLATFORM_REDIRECT"))
					.allSatisfy((result) -> assertThat(result.passed()).as(result.problems().toString()).isTrue()));
	}

}
