package io.liveguard.web.rulepack;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The limits a child JVM runs under, each tried with a child that breaks it
 * ({@link ChildMains}).
 */
class ChildJvmTests {

	private static final DraftCheckProperties LIMITS = new DraftCheckProperties(Duration.ofSeconds(3),
			DataSize.ofMegabytes(64), DataSize.ofMegabytes(1), 1, Duration.ofMillis(200), DataSize.ofKilobytes(64));

	private final ChildJvm jvm = new ChildJvm(LIMITS);

	@Test
	void aChildThatNeverEndsIsKilledAtTheTimeLimitKeepingWhatItSaid() {
		ChildJvm.Run run = this.jvm.run(ChildMains.Sleeper.class.getName(), List.of(), new byte[0]);

		assertThat(run.ending()).isEqualTo(ChildJvm.Ending.TIMED_OUT);
		assertThat(run.lines()).containsExactly("started");
		assertThat(run.took()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
	}

	@Test
	void aChildThatWritesWithoutEndIsKilledAtTheReplyLimit() {
		ChildJvm.Run run = this.jvm.run(ChildMains.Chatter.class.getName(), List.of(), new byte[0]);

		assertThat(run.ending()).isEqualTo(ChildJvm.Ending.TOO_MUCH_OUTPUT);
		assertThat(run.lines().stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(64 * 1024);
		assertThat(run.took()).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void aChildThatAllocatesWithoutEndExitsAtItsHeapLimit() {
		ChildJvm.Run run = this.jvm.run(ChildMains.Hog.class.getName(), List.of(), new byte[0]);

		assertThat(run.ending()).isEqualTo(ChildJvm.Ending.EXITED);
		assertThat(run.exitCode()).isEqualTo(ChildJvm.OUT_OF_MEMORY);
	}

	@Test
	void aChildGetsItsInputButNoneOfTheServersEnvironmentOrSystemProperties() throws Exception {
		System.setProperty("liveguard.test.secret", "s3cret-from-the-server");
		try {
			ChildJvm.Run run = this.jvm.run(ChildMains.Snoop.class.getName(), List.of("-Dasked.for=yes"),
					"{\"hello\": \"xin chào\"}".getBytes(StandardCharsets.UTF_8));

			assertThat(run.ending()).isEqualTo(ChildJvm.Ending.EXITED);
			assertThat(run.lines()).contains("input={\"hello\": \"xin chào\"}", "property.asked.for=yes");
			assertThat(run.lines()).filteredOn((line) -> line.startsWith("env.")).containsExactly("env.LANG=C.UTF-8");
			assertThat(run.lines()).noneMatch((line) -> line.contains("s3cret") || line.contains("liveguard.test"));
			String cwd = run.lines().stream().filter((line) -> line.startsWith("cwd=")).findFirst().orElseThrow();
			assertThat(cwd).contains("liveguard-child-");
			assertThat(Files.exists(Path.of(cwd.substring("cwd=".length())))).as("its directory is removed").isFalse();
		}
		finally {
			System.clearProperty("liveguard.test.secret");
		}
	}

	@Test
	void aChildBeyondTheConcurrencyLimitIsRefusedAfterTheQueueWait() {
		CompletableFuture<ChildJvm.Run> first = CompletableFuture
			.supplyAsync(() -> this.jvm.run(ChildMains.Sleeper.class.getName(), List.of(), new byte[0]));
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.jvm.running() == 1);

		assertThatExceptionOfType(ChildJvm.Busy.class)
			.isThrownBy(() -> this.jvm.run(ChildMains.Snoop.class.getName(), List.of(), new byte[0]));
		assertThat(first.join().ending()).isEqualTo(ChildJvm.Ending.TIMED_OUT);
	}

	@Test
	void theBootJarIsLaunchedThroughItsPropertiesLauncherAndAClassPathAsItIs() {
		assertThat(ChildJvm.launch("/a/classes" + java.io.File.pathSeparator + "/b.jar")).containsExactly("-cp",
				"/a/classes" + java.io.File.pathSeparator + "/b.jar", "{main}");
		assertThat(ChildJvm.launch("/no/such/app.jar")).containsExactly("-cp", "/no/such/app.jar", "{main}");
	}

}
