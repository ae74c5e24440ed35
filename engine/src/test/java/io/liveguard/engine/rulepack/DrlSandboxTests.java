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
 * DRL that tries to leave the rules (exit the process, run commands, read files or the
 * classpath, reflect, start threads, open connections, reach the session) or to run
 * without end inside one condition or consequence (loops, recursion, waits, regular
 * expressions, huge collections) is refused at compile time with its file and line,
 * whatever its spelling; a pack that keeps firing or runs over the engine's time budget
 * is stopped and the rule named.
 */
class DrlSandboxTests {

	private static final String HEAD = """
			package test.escape;

			import io.liveguard.engine.facts.*;

			""";

	private final RulePackCompiler compiler = new RulePackCompiler();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					System.exit                  | System.exit(0);                                                           | System
					Runtime exec                 | Runtime.getRuntime().exec("rm -rf /tmp/x");                               | Runtime
					file read (java.nio)         | insert(java.nio.file.Files.readString(null));                            | java.nio.file.Files
					file read (java.io)          | insert(new java.io.FileInputStream("/etc/passwd"));                      | java.io.FileInputStream
					reflection (Class.forName)   | insert(Class.forName("java.lang.Runtime"));                               | Class
					reflection (getClass)        | insert($s.getClass().getMethod("toString"));                              | getClass
					reflection (setAccessible)   | $s.getClass().getDeclaredFields()[0].setAccessible(true);                 | getClass
					a thread                     | new Thread(() -> {}).start();                                             | not allowed
					a process                    | new ProcessBuilder("sh").start();                                         | ProcessBuilder
					the network                  | insert(new java.net.URL("http://example.com"));                           | java.net.URL
					the session                  | kcontext.getKieRuntime().halt();                                          | kcontext.getKieRuntime
					a loop                       | while (true) { }                                                          | while
					a split call                 | System \t. /* hidden */ exit(1);                                          | System
					a logging library            | insert(new ch.qos.logback.core.FileAppender());                           | ch.qos.logback.core.FileAppender
					a reactive library           | insert(reactor.core.publisher.Flux.interval(null));                       | reactor.core.publisher.Flux
					the class loader             | insert($s.getClass().getClassLoader().loadClass("java.lang.Runtime"));    | getClass
					the classpath                | insert(Detection.class.getResourceAsStream("/application.properties"));   | class
					Object.wait                  | $s.wait(5000);                                                            | wait
					a local variable             | String a = "x";                                                           | local variables
					a lambda                     | insert((Runnable) () -> {});                                              | lambda
					a huge array                 | insert(new long[Integer.MAX_VALUE]);                                      | not allowed
					a repeated string            | insert("x".repeat(Integer.MAX_VALUE));                                    | repeat
					a regex                      | insert("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!".matches("(a+)+b"));           | matches
					a for loop                   | for (int i = 0; i < 1; i++) { }                                           | for
					try and catch                | try { update($s); } catch (Throwable t) { }                               | try
					a Class constant             | insert(Integer.TYPE);                                                     | TYPE
					a method of the rule context | insert(drools.getKnowledgeRuntime());                                     | drools.getKnowledgeRuntime
					a function without receiver  | insert(secret());                                                         | secret
					""")
	void anEscapeInAConsequenceIsRefusedWithItsLine(String name, String code, String construct) {
		String drl = withConsequence(code);
		assertRefusedAt(drl, TestPacks.lineOf(drl, code.substring(0, 6)), construct);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					the rule context split over two lines | kcontext\\n        .getKieRuntime().halt();             | kcontext.getKieRuntime
					a call split over lines               | insert(\\n  System\\n  .getenv("DB_PASSWORD"));       | System
					""")
	void aCallSplitOverLinesIsSeen(String name, String code, String construct) {
		String drl = withConsequence(code.replace("\\n", "\n"));
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors())
				.anySatisfy((error) -> assertThat(error.message()).contains(construct)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			an escaped System in a consequence | \\u0053ystem.exit(0);
			an escaped java.io                 | insert(new j\\u0061va.\\u0069o.File("/tmp/x"));
			a while written with escapes       | \\u0077hile (true) { }
			a string closed by an escape       | insert("a\\u0022 + System.getenv(\\u0022X");
			""")
	void unicodeEscapesAreRefusedWhereverTheyAre(String name, String code) {
		String drl = withConsequence(code);
		assertRefusedAt(drl, TestPacks.lineOf(drl, code.substring(0, 6)), "unicode escapes");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					a regex in matches          | $s : SessionSummary( sessionId matches "(a+)+b" )                      | matches
					a huge generated collection | Integer() from java.util.Collections.nCopies(100000000, 1)            | java.util.Collections
					a stream over a range       | Integer() from java.util.stream.IntStream.range(0, 1000000000)        | java.util.stream.IntStream
					reflection in a constraint  | $s : SessionSummary( this.getClass() != null )                       | getClass
					the environment             | $s : SessionSummary( sessionId == System.getenv("X") )                | System
					eval                        | eval( Runtime.getRuntime().availableProcessors() > 0 )               | eval
					an inline cast              | $s : SessionSummary( this#Object != null )                             | not
					a soundslike                | $s : SessionSummary( sessionId soundslike "x" )                        | soundslike
					a type outside the list     | $t : Thread()                                                           | Thread
					a window                    | $s : SessionSummary() over window:length(1000000000)                   | over
					a custom accumulate         | Number() from accumulate( $s : SessionSummary(), init( int i = 0; ), action( i++; ), result( i ) ) | accumulate
					""")
	void anEscapeInAConditionIsRefusedWithItsLine(String name, String condition, String construct) {
		String drl = HEAD + """
				rule "escapes"
				when
				    %s
				then
				end
				""".formatted(condition);
		assertRefusedAt(drl, TestPacks.lineOf(drl, condition.substring(0, 6)), construct);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			import java.io           | import java.io.*;                          | import of
			import reflection        | import java.lang.reflect.Method;           | import of
			import static exit       | import static java.lang.System.exit;       | import of
			import function          | import function java.lang.System.getenv;   | import of function
			import the runtime       | import org.kie.api.runtime.KieSession;     | import of
			import a library         | import ch.qos.logback.core.FileAppender;   | import of
			a global                 | global java.util.List sink;                | global
			the MVEL dialect         | dialect "mvel"                             | dialect
			a declared type          | declare Sink end                           | declare
			""")
	void aForbiddenPackageConstructIsRefusedWithItsLine(String name, String line, String construct) {
		String drl = HEAD + line + "\n\nrule \"harmless\"\nwhen\n    SessionSummary()\nthen\nend\n";
		assertRefusedAt(drl, TestPacks.lineOf(drl, line), construct);
	}

	@Test
	void functionsQueriesAndRecursionAreRefused() {
		String drl = HEAD + """
				function long fib(long n) {
				    return n < 2 ? n : fib(n - 1) + fib(n - 2);
				}

				query "everything"
				    $s : SessionSummary()
				end

				rule "recurses"
				when
				    $s : SessionSummary()
				then
				    insert( fib(90) );
				end
				""";
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(PackError::line)
				.contains(TestPacks.lineOf(drl, "function long"), TestPacks.lineOf(drl, "query"),
						TestPacks.lineOf(drl, "insert( fib")));
	}

	@Test
	void mvelLoopsInARuleWithTheMvelDialectAreRefused() {
		String drl = HEAD + """
				rule "loops in mvel"
				    dialect "mvel"
				when
				    $s : SessionSummary()
				then
				    foreach (x : [1, 2, 3]) { insert(x) }
				    until (false) { }
				end
				""";
		assertRefusedAt(drl, TestPacks.lineOf(drl, "dialect \"mvel\""), "dialect 'mvel'");
	}

	@Test
	void aRuleAttributeThatRunsCodeIsRefused() {
		String drl = HEAD + """
				rule "salience computed"
				    salience ( Runtime.getRuntime().availableProcessors() )
				    timer ( int: 1s 1s )
				when
				    $s : SessionSummary()
				then
				end
				""";
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors()).extracting(PackError::message)
				.anySatisfy((message) -> assertThat(message).contains("salience must be a whole number"))
				.anySatisfy((message) -> assertThat(message).contains("'timer'")));
	}

	@Test
	void aRuleJoiningTooManyPatternsIsRefused() {
		String drl = HEAD + """
				rule "a cross product of keyword hits"
				when
				    KeywordHit() KeywordHit() KeywordHit() KeywordHit() KeywordHit() KeywordHit() KeywordHit()
				then
				end
				""";
		assertRefusedAt(drl, TestPacks.lineOf(drl, "rule \"a cross"), "7 patterns");
	}

	@Test
	void aPackCannotSetTheEngineLimits() {
		String settings = TestPacks.minimal().file(RulePackCompiler.SETTINGS).orElseThrow().content()
				+ "\nengine.timeBudgetMillis = 600000\n";
		assertThatExceptionOfType(PackCompilationException.class).isThrownBy(
				() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), RulePackCompiler.SETTINGS, settings)))
			.satisfies((ex) -> assertThat(ex.errors()).singleElement().satisfies((error) -> {
				assertThat(error.path()).isEqualTo(RulePackCompiler.SETTINGS);
				assertThat(error.line()).isEqualTo(TestPacks.lineOf(settings, "engine.timeBudgetMillis"));
				assertThat(error.message()).contains("not a pack's to set");
			}));
	}

	@Test
	void wordsInStringsAndCommentsAreNotConstructs() {
		String drl = HEAD + """
				// System.exit would be refused here, but this is a comment
				/* so is Runtime.getRuntime().exec("x") in a block
				   comment over lines, and while (true) {} */
				rule "System.exit for while in a rule name is only text"
				when
				    $s : SessionSummary( sessionId != "Thread, File and java.io are words here" )
				then
				    insert( new Detection("HOST_ABSENT", "System.exit(0); while (true) {}", $s.getHostEvidence()) );
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/words.drl", drl));
		pack.close();
	}

	@Test
	void whatTheAllowlistHoldsCompilesAndScores() {
		String drl = HEAD + """
				import io.liveguard.engine.rulepack.PackSettings;
				import io.liveguard.engine.session.ModerationCode;
				import java.time.Duration;
				import java.util.List;

				rule "every allowed construct"
				    salience 10
				    no-loop
				when
				    $s : SessionSummary( Math.max(hostAbsentShare, 0.0) >= 0, sessionId.length() > 0,
				                         sessionId not in ("a", "b"),
				                         Duration.between(startedAt, endedAt).toMinutes() >= 0 )
				    not Flag( code == ModerationCode.COUNTERFEIT, confidence > Integer.MAX_VALUE )
				    exists KeywordHit( list == "off-platform" || list.startsWith("x") )
				    $n : Number( intValue >= 0 ) from accumulate( KeywordHit(), count(1) )
				    $q : StreamSample( resolutionP >= 0 ) from $s.streamSamples
				then
				    if ( $n.intValue() > 0 && $s.getSessionId().toUpperCase().contains("S") ) {
				        insertLogical( new Detection("OFF_PLATFORM_REDIRECT", kcontext.getRule().getName(),
				                $s.getHostEvidence(), List.of($q.getEvidence())) );
				    }
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/allowed.drl", drl));
		try {
			assertThat(pack.ruleNames()).contains("every allowed construct");
			assertThat(pack.score(TestSessions.clean("VN"), SellerHistory.NONE, Instant.now())).isNotNull();
		}
		finally {
			pack.close();
		}
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
		// a budget far above what the firing limit needs, so the limit stops it even on a
		// loaded machine
		CompiledPack pack = new RulePackCompiler(Duration.ofSeconds(60))
			.compile(TestPacks.with(TestPacks.minimal(), "rules/forever.drl", drl));
		try {
			long started = System.nanoTime();
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.clean("VN"), SellerHistory.NONE, Instant.now()))
				.withMessageContaining("minimal")
				.withMessageContaining("loop");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
		}
		finally {
			pack.close();
		}
	}

	@Test
	void aPackOverTheEnginesTimeBudgetIsHaltedAndTheRuleNamed() {
		// keeps firing until it is stopped: a session whose budget is zero is halted
		// before its first firing completes, so the budget, not the firing limit, stops
		// it
		String drl = HEAD + """
				rule "counts up for ever"
				when
				    $s : SessionSummary()
				then
				    update( $s );
				end
				""";
		CompiledPack pack = new RulePackCompiler(Duration.ZERO)
			.compile(TestPacks.with(TestPacks.minimal(), "rules/forever.drl", drl));
		try {
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.clean("VN"), SellerHistory.NONE, Instant.now()))
				.withMessageContaining("exceeded its time budget of 0 ms")
				.withMessageMatching("(?s).*(before any rule fired|in or after rule 'counts up for ever').*");
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

	/** A file of one rule over the session summary whose consequence is {@code code}. */
	private static String withConsequence(String code) {
		return HEAD + """
				rule "escapes"
				when
				    $s : SessionSummary()
				then
				    %s
				end
				""".formatted(code);
	}

	private void assertRefusedAt(String drl, int line, String construct) {
		assertThatExceptionOfType(PackCompilationException.class)
			.isThrownBy(() -> this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/escape.drl", drl)))
			.satisfies((ex) -> assertThat(ex.errors()).anySatisfy((error) -> {
				assertThat(error.path()).isEqualTo("rules/escape.drl");
				assertThat(error.line()).isEqualTo(line);
				assertThat(error.message()).contains(construct);
			}));
	}

}
