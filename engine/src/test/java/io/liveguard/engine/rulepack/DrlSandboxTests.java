package io.liveguard.engine.rulepack;

import java.time.Duration;
import java.time.Instant;

import io.liveguard.engine.scoring.SellerHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DRL that tries to leave the rules (exit the process, run commands, read files, reflect, start
 * threads, open connections) is refused at compile time with its line; a pack that keeps firing or
 * runs over its time budget is stopped and reported.
 */
class DrlSandboxTests {

	private static final String HEAD = """
			package test.escape;

			import io.liveguard.engine.facts.*;

			""";

	private final RulePackCompiler compiler = new RulePackCompiler();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			System.exit                | System.exit(0);                                                     | System
			Runtime exec               | Runtime.getRuntime().exec("rm -rf /tmp/x");                         | Runtime
			file read (java.nio)       | String secret = java.nio.file.Files.readString(null);              | java.nio.file.Files.readString
			file read (java.io)        | Object f = new java.io.FileInputStream("/etc/passwd");             | java.io.FileInputStream
			reflection (Class.forName) | Object c = Class.forName("java.lang.Runtime");                      | Class
			reflection (getClass)      | Object m = $s.getClass().getMethod("toString");                    | getClass
			reflection (setAccessible) | $s.getClass().getDeclaredFields()[0].setAccessible(true);          | getClass
			a thread                   | new Thread(() -> {}).start();                                       | Thread
			a process                  | new ProcessBuilder("sh").start();                                   | ProcessBuilder
			the network                | Object u = new java.net.URL("http://example.com");                 | java.net.URL
			the session                | kcontext.getKieRuntime().halt();                                    | kcontext.getKieRuntime
			a loop                     | while (true) { }                                                    | while
			a split call               | System \t. /* hidden */ exit(1);                                    | System
			""")
	void anEscapeInAConsequenceIsRefusedWithItsLine(String name, String code, String construct) {
		String drl = HEAD + """
				rule "escapes"
				when
				    $s : SessionSummary()
				then
				    %s
				end
				""".formatted(code);
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors()).anySatisfy((error) -> {
				assertThat(error.path()).isEqualTo("rules/escape.drl");
				assertThat(error.line()).isEqualTo(TestPacks.lineOf(drl, code.substring(0, 6)));
				assertThat(error.message()).contains(construct).contains("not allowed in rule packs");
			}));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			import java.io           | import java.io.*;
			import reflection        | import java.lang.reflect.Method;
			import static exit       | import static java.lang.System.exit;
			import function          | import function java.lang.System.getenv;
			import the runtime       | import org.kie.api.runtime.KieSession;
			""")
	void aForbiddenImportIsRefusedWithItsLine(String name, String line) {
		String drl = HEAD + line + "\n\nrule \"harmless\"\nwhen\n    SessionSummary()\nthen\nend\n";
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors()).anySatisfy((error) -> {
				assertThat(error.line()).isEqualTo(TestPacks.lineOf(drl, line));
				assertThat(error.message()).startsWith("import of");
			}));
	}

	@Test
	void globalsAndEscapesInEvalAndFunctionsAreRefused() {
		String drl = HEAD + """
				global java.util.List sink;

				function String secret() {
				    return System.getenv("DB_PASSWORD");
				}

				rule "evaluates"
				when
				    eval( Runtime.getRuntime().availableProcessors() > 0 )
				then
				end
				""";
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(PackError::line)
				.contains(TestPacks.lineOf(drl, "global"), TestPacks.lineOf(drl, "System.getenv"),
						TestPacks.lineOf(drl, "eval(")));
	}

	@Test
	void wordsInStringsAndCommentsAreNotConstructs() {
		String drl = HEAD + """
				// System.exit would be refused here, but this is a comment
				/* so is Runtime.getRuntime().exec("x") in a block
				   comment over lines, and while (true) {} */
				rule "System.exit for while in a rule name is only text"
				when
				    $s : SessionSummary()
				then
				    String note = "Thread, File and java.io are words here";
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/words.drl", drl));
		pack.close();
	}

	@Test
	void theBlankedTextKeepsItsLinesAndPositions() {
		String text = "a // c\n\"s\\\"t\" /* x\ny */ b";
		String blanked = DrlSandbox.blankCommentsAndStrings(text);
		assertThat(blanked).hasSameSizeAs(text);
		assertThat(blanked.split("\n", -1)).hasSize(3);
		assertThat(blanked).startsWith("a ").contains("\"    \"").endsWith(" b");
	}

	@Test
	void aRuleThatFiresForeverIsStoppedAndReported() {
		String drl = HEAD + """
				rule "counts up for ever"
				when
				    $s : SessionSummary()
				then
				    update( $s );
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/forever.drl", drl));
		try {
			long started = System.nanoTime();
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.clean("VN"), SellerHistory.NONE, Instant.now()))
				.withMessageContaining("minimal")
				.withMessageContaining("loop");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
		}
		finally {
			pack.close();
		}
	}

	@Test
	void aPackOverItsTimeBudgetIsHaltedAndReported() {
		// a cross product over the stream samples, re-fired by an ever-growing fact: bounded in firings
		// per activation but far over a 1 ms budget
		String drl = HEAD + """
				rule "grows"
				when
				    $s : SessionSummary()
				    not Detection( code == "HOST_ABSENT" )
				then
				    insert( new Detection("HOST_ABSENT", "grows", $s.getHostEvidence()) );
				end
				""";
		String settings = TestPacks.minimal().file(RulePackCompiler.SETTINGS).orElseThrow().content()
				+ "\n" + CompiledPack.TIME_BUDGET_SETTING + " = 0\n";
		RulePackSource source = TestPacks.with(TestPacks.with(TestPacks.minimal(), "rules/grows.drl", drl),
				RulePackCompiler.SETTINGS, settings);
		CompiledPack pack = this.compiler.compile(source);
		try {
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.clean("VN"), SellerHistory.NONE, Instant.now()))
				.withMessageContaining("exceeded its time budget of 0 ms");
		}
		finally {
			pack.close();
		}
	}

	@Test
	void aSessionWithinItsBudgetIsScoredAsBefore() {
		CompiledPack pack = this.compiler.compile(TestPacks.minimal());
		try {
			assertThat(pack.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, Instant.now()).findings())
				.extracting((finding) -> finding.code())
				.containsExactly("UNVERIFIED_HOST");
		}
		finally {
			pack.close();
		}
	}

}
