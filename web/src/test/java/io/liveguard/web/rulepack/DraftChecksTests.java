package io.liveguard.web.rulepack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.RulePackCompiler;
import io.liveguard.engine.rulepack.RulePackRegistry;
import io.liveguard.engine.rulepack.RulePackSource;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a draft check answers when its child is stopped, without the application: a time
 * limit far below a cold compile (4 to 5 s) stops the check while it compiles, or, on a
 * machine so loaded that the JVM has not started in that time, before it began.
 */
class DraftChecksTests {

	private static final List<PackFile> SHIPPED = RulePackSource
		.fromClasspath("default", 1, DraftChecksTests.class.getClassLoader())
		.files();

	private static final RulePackProperties PACKS = new RulePackProperties(List.of("default"), Duration.ofSeconds(30),
			Duration.ofSeconds(1));

	/**
	 * A child with 16 MB of heap: it runs out of memory compiling the shipped pack.
	 */
	private static final DraftCheckProperties SIXTEEN_MB = new DraftCheckProperties(Duration.ofSeconds(60),
			DataSize.ofMegabytes(16), DataSize.ofMegabytes(1), 1, Duration.ofSeconds(1), DataSize.ofMegabytes(4));

	@Test
	void aCheckOverItsTimeLimitIsStoppedNamingTheStepItWasOn() {
		DraftChecks checks = new DraftChecks(new DraftCheckProperties(Duration.ofMillis(1500),
				DataSize.ofMegabytes(256), DataSize.ofMegabytes(1), 1, Duration.ofSeconds(1), DataSize.ofMegabytes(4)),
				PACKS, engine());

		assertThatExceptionOfType(DraftChecks.DraftStoppedException.class)
			.isThrownBy(() -> checks.test("default", 2, SHIPPED, List.of(), Instant.EPOCH))
			.satisfies((stopped) -> {
				assertThat(stopped.kind()).isEqualTo(DomainException.Kind.UNPROCESSABLE);
				assertThat(stopped.properties().get("stopped")).isIn("compiling", "starting the check");
				assertThat(stopped.detail()).startsWith("rule pack 'default': ")
					.endsWith("ran longer than 1500 ms and was stopped");
			});
	}

	@Test
	void aCheckOutOfHeapIsStoppedSayingSo() {
		DraftChecks checks = new DraftChecks(SIXTEEN_MB, PACKS, engine());

		assertThatExceptionOfType(DraftChecks.DraftStoppedException.class)
			.isThrownBy(() -> checks.compile("default", 2, SHIPPED))
			.satisfies((stopped) -> assertThat(stopped.detail()).contains("ran out of memory (16 MB)"));
	}

	@Test
	void theFilesOfAnActiveVersionNeedNoChildToCompileAndAChangedCopyDoes() {
		ScoringEngine engine = engine();
		CompiledPack shipped = engine.compiler()
			.compile(RulePackSource.fromClasspath("default", 1, DraftChecksTests.class.getClassLoader()));
		try {
			engine.registry().activate(shipped);
			// only a check that starts no child can pass with SIXTEEN_MB
			DraftChecks checks = new DraftChecks(SIXTEEN_MB, PACKS, engine);

			checks.compile("default", 2, SHIPPED);

			List<PackFile> changed = SHIPPED.stream()
				.map((file) -> file.path().equals("rules/conduct.drl")
						? new PackFile(file.path(), file.content() + "\n// changed\n") : file)
				.toList();
			assertThatExceptionOfType(DraftChecks.DraftStoppedException.class)
				.isThrownBy(() -> checks.compile("default", 2, changed))
				.satisfies((stopped) -> assertThat(stopped.detail()).contains("ran out of memory (16 MB)"));
		}
		finally {
			shipped.close();
		}
	}

	/** An engine with no pack active: every check goes to a child. */
	private static ScoringEngine engine() {
		return new ScoringEngine(new RulePackRegistry(), new RulePackCompiler(Duration.ofSeconds(1)),
				Clock.systemUTC());
	}

}
