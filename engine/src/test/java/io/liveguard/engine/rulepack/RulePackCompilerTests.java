package io.liveguard.engine.rulepack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.scoring.Severity;
import io.liveguard.engine.session.Signal;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kie.api.KieServices;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieRepository;
import org.kie.api.builder.ReleaseId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Validating and compiling packs: what compiles, and how each kind of mistake is
 * reported.
 */
class RulePackCompilerTests {

	private static final Instant SCORED_AT = Instant.parse("2026-11-21T00:00:00Z");

	private static final String HEADER = "code,kind,severity,points,scoreDelta,maxTotalDelta,description\n";

	private static final String DRL_HEAD = """
			package test.drafts;

			import io.liveguard.engine.facts.*;
			import io.liveguard.engine.rulepack.PackSettings;

			""";

	private final RulePackCompiler compiler = new RulePackCompiler();

	@Test
	void compilesAMinimalPackAndScoresWithIt() {
		CompiledPack pack = this.compiler.compile(TestPacks.minimal());
		try {
			ScoreCard card = pack.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT);

			assertThat(pack.ref().id()).isEqualTo("minimal");
			assertThat(pack.ref().version()).isEqualTo(1);
			assertThat(pack.settings().markets()).containsExactly("*");
			assertThat(pack.ruleNames()).containsExactly("HOST_ABSENT: off camera too long",
					"OFF_PLATFORM_REDIRECT: asks buyers to chat elsewhere",
					"UNVERIFIED_HOST: the host's identity was not verified");
			assertThat(card.findings()).singleElement().satisfies((finding) -> {
				assertThat(finding.code()).isEqualTo("UNVERIFIED_HOST");
				assertThat(finding.severity()).isEqualTo(Severity.SEVERE);
				assertThat(finding.points()).isEqualTo(6);
				assertThat(finding.rule()).isEqualTo("UNVERIFIED_HOST: the host's identity was not verified");
			});
			assertThat(card.violationPoints()).isEqualTo(6);
			assertThat(card.contentScore()).isEqualTo(100);
			assertThat(card.rulePack()).hasToString("minimal v1");
			assertThat(card.scoredAt()).isEqualTo(SCORED_AT);
		}
		finally {
			pack.close();
		}
	}

	@Test
	void readsSettingsKeywordListsAndTheFindingsTable() {
		CompiledPack pack = this.compiler.compile(TestPacks.minimal());
		try {
			assertThat(pack.settings().num("quality.hostAbsent.maxShare")).isEqualTo(0.10);
			assertThat(pack.settings().text("zone.VN")).isEqualTo("Asia/Ho_Chi_Minh");
			assertThat(pack.settings().isNumeric("zone.VN")).isFalse();
			assertThat(pack.settings().historyDays()).isEqualTo(7);
			assertThat(pack.settings().keywordLists()).containsEntry("off-platform", List.of("zalo", "ib riêng"));
			assertThat(pack.settings().findings().rules()).extracting(FindingRule::code)
				.containsExactly("HOST_ABSENT", "OFF_PLATFORM_REDIRECT", "UNVERIFIED_HOST");
			ScoreCard card = pack.score(TestSessions.session("s-1", "VN", true,
					new Signal.Transcript(TestSessions.at(5), "IB RIÊNG cho shop nhé"),
					new Signal.HostAbsent(TestSessions.at(10), 361)), SellerHistory.NONE, SCORED_AT);
			assertThat(card.findings()).extracting(Finding::code)
				.containsExactly("HOST_ABSENT", "OFF_PLATFORM_REDIRECT");
			assertThat(card.contentScore()).isEqualTo(85);
		}
		finally {
			pack.close();
		}
	}

	@Test
	void reportsADrlSyntaxErrorWithItsPathAndLine() {
		String drl = DRL_HEAD + """
				rule "a rule with a syntax error"
				when
				    $s : SessionSummary( hostVerified == )
				then
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/broken.drl", drl));

		assertThat(errors).isNotEmpty().allSatisfy((error) -> assertThat(error.path()).isEqualTo("rules/broken.drl"));
		assertThat(errors).extracting(PackError::line).contains(TestPacks.lineOf(drl, "hostVerified =="));
	}

	/**
	 * The folded text fails too ({@code hostVerified > 0.1d}); the error reported is the
	 * DRL's as written.
	 */
	@Test
	void reportsATypeErrorInARuleWhoseSettingsAreFoldedAsWritten() {
		String drl = DRL_HEAD + """
				rule "a threshold on a yes or no property"
				when
				    PackSettings( $max : num("quality.hostAbsent.maxShare") )
				    $s : SessionSummary( hostVerified > $max )
				then
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/broken.drl", drl));

		assertThat(errors).isNotEmpty().allSatisfy((error) -> {
			assertThat(error.path()).isEqualTo("rules/broken.drl");
			assertThat(error.message()).doesNotContain("0.1d");
		});
		assertThat(errors).extracting(PackError::message).anySatisfy((message) -> assertThat(message).contains("$max"));
	}

	@Test
	void reportsAMissingEndWithItsPath() {
		String drl = DRL_HEAD + """
				rule "a rule that never ends"
				when
				    SessionSummary()
				then
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/broken.drl", drl));

		assertThat(errors).isNotEmpty().allSatisfy((error) -> assertThat(error.path()).isEqualTo("rules/broken.drl"));
	}

	@Test
	void reportsAnUnknownPropertyWithItsPathAndLine() {
		String drl = DRL_HEAD + """
				rule "a rule about a property facts do not have"
				when
				    SessionSummary( hostCharisma > 3 )
				then
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/broken.drl", drl));

		assertThat(errors).isNotEmpty().allSatisfy((error) -> assertThat(error.path()).isEqualTo("rules/broken.drl"));
		assertThat(errors).extracting(PackError::line).contains(TestPacks.lineOf(drl, "hostCharisma"));
		assertThat(errors).extracting(PackError::message)
			.anySatisfy((message) -> assertThat(message).contains("hostCharisma"));
	}

	@Test
	void reportsAnErrorInAJavaConsequenceWithItsPath() {
		String drl = DRL_HEAD + """
				rule "a consequence that does not compile"
				when
				    $s : SessionSummary()
				then
				    $s.noSuchMethod();
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/broken.drl", drl));

		assertThat(errors).isNotEmpty().allSatisfy((error) -> assertThat(error.path()).isEqualTo("rules/broken.drl"));
	}

	@Test
	void reportsAnUnknownSettingWithItsPathAndLine() {
		String drl = DRL_HEAD + """
				rule "reads a setting that does not exist"
				when
				    PackSettings( $x : num("nope") )
				    SessionSummary( hostAbsentShare > $x )
				then
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/draft.drl", drl));

		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.path()).isEqualTo("rules/draft.drl");
			assertThat(error.line()).isEqualTo(TestPacks.lineOf(drl, "num(\"nope\")"));
			assertThat(error.message()).contains("nope", "settings.properties");
		});
	}

	@Test
	void reportsATextSettingUsedAsANumber() {
		String drl = DRL_HEAD + """
				rule "reads a time zone as a number"
				when
				    PackSettings( $x : num("zone.VN") )
				    SessionSummary( hostAbsentShare > $x )
				then
				end
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "rules/draft.drl", drl))).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("zone.VN"));
	}

	@Test
	void reportsAnUnknownKeywordListWithItsPathAndLine() {
		String drl = DRL_HEAD + """
				rule "matches a keyword list that does not exist"
				when
				    KeywordHit( list == "nope" )
				then
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/draft.drl", drl));

		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.path()).isEqualTo("rules/draft.drl");
			assertThat(error.line()).isEqualTo(TestPacks.lineOf(drl, "\"nope\""));
			assertThat(error.message()).contains("nope", "keywords/nope.txt");
		});
	}

	@Test
	void reportsAnUnknownFindingCodeWithItsPathAndLine() {
		String drl = DRL_HEAD + """
				rule "detects a code the findings table does not list"
				when
				    $s : SessionSummary()
				then
				    insertLogical( new Detection("NOPE", kcontext.getRule().getName(), $s.getSpanEvidence()) );
				end
				""";

		List<PackError> errors = errors(TestPacks.with(TestPacks.minimal(), "rules/draft.drl", drl));

		assertThat(errors).singleElement().satisfies((error) -> {
			assertThat(error.path()).isEqualTo("rules/draft.drl");
			assertThat(error.line()).isEqualTo(TestPacks.lineOf(drl, "\"NOPE\""));
			assertThat(error.message()).contains("NOPE", "findings.csv");
		});
	}

	@Test
	void reportsEveryUnknownReferenceOfEveryFileAtOnce() {
		String first = DRL_HEAD + """
				rule "first draft"
				when
				    PackSettings( $x : num("nope.one") )
				    KeywordHit( list == "nope-two" )
				then
				end
				""";
		String second = DRL_HEAD + """
				rule "second draft"
				when
				    $s : SessionSummary()
				then
				    insertLogical( new Detection("NOPE_THREE", kcontext.getRule().getName(), $s.getSpanEvidence()) );
				end
				""";
		RulePackSource source = TestPacks.with(TestPacks.with(TestPacks.minimal(), "rules/first.drl", first),
				"rules/second.drl", second);

		assertThat(errors(source)).extracting(PackError::toString)
			.containsExactlyInAnyOrder(
					"rules/first.drl:8: unknown numeric setting 'nope.one': add it to settings.properties",
					"rules/first.drl:9: unknown keyword list 'nope-two': add keywords/nope-two.txt",
					"rules/second.drl:10: unknown finding code 'NOPE_THREE': add it to findings.csv");
	}

	@Test
	void reportsAnUnknownSeverityWithItsLine() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				UNVERIFIED_HOST,VIOLATION,SEVER,6,0,,a typo
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.path()).isEqualTo("findings.csv");
				assertThat(error.line()).isEqualTo(4);
				assertThat(error.message()).contains("SEVER", "CRITICAL");
			});
	}

	@Test
	void reportsAnUnknownKindWithItsLine() {
		String csv = HEADER + """
				HOST_ABSENT,QUALTY,INFO,0,-15,,a typo
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,ok
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.line()).isEqualTo(2);
				assertThat(error.message()).contains("QUALTY");
			});
	}

	@Test
	void reportsPointsThatAreNotAnIntegerWithTheirLine() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,three,0,,not a number
				UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,ok
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.line()).isEqualTo(3);
				assertThat(error.message()).contains("points", "three");
			});
	}

	@Test
	void reportsAFractionalScoreDeltaWithItsLine() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-7.5,,a fraction
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,ok
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.line()).isEqualTo(2);
				assertThat(error.message()).contains("scoreDelta", "-7.5");
			});
	}

	@Test
	void reportsARowWithTooFewColumnsWithItsLine() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,ok
				UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,ok
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.line()).isEqualTo(3);
				assertThat(error.message()).contains("expected 7 columns", "found 6");
			});
	}

	@Test
	void reportsARowWithTooManyColumnsWithItsLine() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,an unquoted, comma
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.line()).isEqualTo(4);
				assertThat(error.message()).contains("found 8");
			});
	}

	@Test
	void reportsADuplicateCodeWithTheLineOfItsSecondRow() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				HOST_ABSENT,QUALITY,INFO,0,-10,,again
				UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,ok
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.line()).isEqualTo(4);
				assertThat(error.message()).contains("HOST_ABSENT", "twice");
			});
	}

	@Test
	void reportsEveryBadRowOfTheFindingsTableAtOnce() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,x,0,,bad points
				UNVERIFIED_HOST,VIOLATION,SEVER,6,0,,bad severity
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).extracting(PackError::line)
			.containsExactly(3, 4);
	}

	@Test
	void reportsALineNumberThatCountsQuotedLineBreaks() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,"a description
				over two lines"
				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				UNVERIFIED_HOST,VIOLATION,SEVERE,six,0,,bad points
				""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> assertThat(error.line()).isEqualTo(5));
	}

	@Test
	void reportsALineNumberThatCountsBlankLines() {
		String csv = HEADER + """
				HOST_ABSENT,QUALITY,INFO,0,-15,,ok

				OFF_PLATFORM_REDIRECT,VIOLATION,MODERATE,3,0,,ok
				UNVERIFIED_HOST,VIOLATION,SEVERE,six,0,,bad points""";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> assertThat(error.line()).isEqualTo(5));
	}

	@Test
	void reportsAWrongHeaderOnLineOne() {
		String csv = "code,kind,severity,points,delta,maxTotalDelta,description\n"
				+ "UNVERIFIED_HOST,VIOLATION,SEVERE,6,0,,ok\n";

		assertThat(errors(TestPacks.with(TestPacks.minimal(), "findings.csv", csv))).singleElement()
			.satisfies((error) -> {
				assertThat(error.path()).isEqualTo("findings.csv");
				assertThat(error.line()).isEqualTo(1);
			});
	}

	@Test
	void reportsAMissingSettingsFile() {
		assertThat(errors(TestPacks.without(TestPacks.minimal(), "settings.properties"))).singleElement()
			.satisfies((error) -> {
				assertThat(error.path()).isEqualTo("settings.properties");
				assertThat(error.message()).contains("missing");
			});
	}

	@Test
	void reportsAMissingFindingsTable() {
		assertThat(errors(TestPacks.without(TestPacks.minimal(), "findings.csv"))).singleElement()
			.satisfies((error) -> {
				assertThat(error.path()).isEqualTo("findings.csv");
				assertThat(error.message()).contains("missing");
			});
	}

	@Test
	void reportsAMissingPackProperties() {
		assertThat(errors(TestPacks.without(TestPacks.minimal(), "pack.properties"))).extracting(PackError::path)
			.contains("pack.properties");
	}

	@Test
	void reportsAPackWithoutRules() {
		assertThat(errors(TestPacks.without(TestPacks.minimal(), "rules/minimal.drl"))).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains(".drl"));
	}

	@Test
	void reportsEveryMissingFileAtOnce() {
		RulePackSource bare = new RulePackSource("bare", 1, List.of());

		assertThat(errors(bare)).extracting(PackError::path)
			.contains("pack.properties", "settings.properties", "findings.csv", "rules/");
	}

	@Test
	void reportsAPackWithoutMarkets() {
		RulePackSource source = TestPacks.with(TestPacks.minimal(), "pack.properties", "id = minimal\nmarkets =\n");

		assertThat(errors(source)).singleElement().satisfies((error) -> {
			assertThat(error.path()).isEqualTo("pack.properties");
			assertThat(error.message()).contains("markets");
		});
	}

	@Test
	void namesThePackAndEveryErrorInTheExceptionMessage() {
		RulePackSource source = TestPacks.without(TestPacks.without(TestPacks.minimal(), "settings.properties"),
				"findings.csv");

		assertThatExceptionOfType(PackCompilationException.class).isThrownBy(() -> this.compiler.compile(source))
			.withMessageContaining("'minimal'")
			.withMessageContaining("settings.properties")
			.withMessageContaining("findings.csv");
	}

	@Test
	void leavesNoModuleInTheKieRepositoryAfterCompiling() {
		KieServices services = KieServices.Factory.get();
		KieRepository repository = services.getRepository();
		RulePackSource source = TestPacks.minimal("leak-check", 1, "*");
		ReleaseId anyVersion = services.newReleaseId("io.liveguard.packs", "leak-check", "[0,)");
		for (int i = 0; i < 5; i++) {
			this.compiler.compile(source).close();
			catchThrowableOfType(PackCompilationException.class, () -> this.compiler
				.compile(TestPacks.with(source, "rules/broken.drl", DRL_HEAD + "rule \"broken\" when then")));
		}

		assertThat(repository.getKieModule(anyVersion)).isNull();
		// the same query finds a module that is left behind
		ReleaseId leftBehind = services.newReleaseId("io.liveguard.packs", "leak-check", "9");
		KieFileSystem files = services.newKieFileSystem().generateAndWritePomXML(leftBehind);
		files.write("src/main/resources/rules/minimal.drl", source.file("rules/minimal.drl").orElseThrow().content());
		services.newKieBuilder(files).buildAll(DrlProject.class);
		try {
			assertThat(repository.getKieModule(anyVersion)).isNotNull();
		}
		finally {
			repository.removeKieModule(leftBehind);
		}
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void stopsARuleThatUpdatesItsOwnFactForeverWithAScoringException() {
		String drl = DRL_HEAD + """
				rule "updates the summary it matches, without no-loop"
				when
				    $s : SessionSummary( !hostVerified )
				then
				    update( $s );
				end
				""";
		// a budget far above what the firing limit needs, so the limit stops it even on a
		// loaded machine
		CompiledPack pack = new RulePackCompiler(Duration.ofSeconds(50))
			.compile(TestPacks.with(TestPacks.minimal(), "rules/loop.drl", drl));
		try {
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT))
				.withMessageContaining("minimal v1")
				.withMessageContaining("s-unverified")
				.withMessageContaining("loop");
		}
		finally {
			pack.close();
		}
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void stopsARuleThatInsertsANewFactEveryFiringWithAScoringException() {
		String drl = DRL_HEAD + """
				rule "inserts another detection for every detection"
				when
				    $d : Detection( code == "UNVERIFIED_HOST" )
				then
				    insert( new Detection("UNVERIFIED_HOST", kcontext.getRule().getName(), $d.getEvidence()) );
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/loop.drl", drl));
		try {
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT));
		}
		finally {
			pack.close();
		}
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void scoresCleanlyAgainAfterALoopWasStopped() {
		String drl = DRL_HEAD + """
				rule "loops only for unverified hosts"
				when
				    $s : SessionSummary( !hostVerified )
				then
				    update( $s );
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/loop.drl", drl));
		try {
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(ScoringException.class)
					.isThrownBy(() -> pack.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT));
				ScoreCard clean = pack.score(TestSessions.clean("VN"), SellerHistory.NONE, SCORED_AT);
				assertThat(clean.findings()).isEmpty();
			}
		}
		finally {
			pack.close();
		}
	}

	@Test
	void reportsARuleThatThrowsAsAScoringExceptionNamingTheSession() {
		String drl = DRL_HEAD + """
				rule "divides by the number of products"
				when
				    $s : SessionSummary( !hostVerified )
				then
				    insert( Integer.valueOf(100 / $s.getProductsShown()) );
				end
				""";
		CompiledPack pack = this.compiler.compile(TestPacks.with(TestPacks.minimal(), "rules/throws.drl", drl));
		try {
			assertThatExceptionOfType(ScoringException.class)
				.isThrownBy(() -> pack.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT))
				.withMessageContaining("minimal v1")
				.withMessageContaining("s-unverified")
				.withRootCauseInstanceOf(ArithmeticException.class);
			assertThat(pack.score(TestSessions.clean("VN"), SellerHistory.NONE, SCORED_AT).findings()).isEmpty();
		}
		finally {
			pack.close();
		}
	}

	@Test
	void compilesTheSamePackAgainAsAnIndependentVersion() {
		CompiledPack first = this.compiler.compile(TestPacks.minimal("same", 1, "*"));
		CompiledPack second = this.compiler.compile(TestPacks.minimal("same", 2, "*"));
		try {
			first.close();
			ScoreCard card = second.score(TestSessions.unverifiedHost("VN"), SellerHistory.NONE, SCORED_AT);

			assertThat(card.rulePack().version()).isEqualTo(2);
			assertThat(card.violationPoints()).isEqualTo(6);
		}
		finally {
			second.close();
		}
	}

	private List<PackError> errors(RulePackSource source) {
		PackCompilationException ex = catchThrowableOfType(PackCompilationException.class,
				() -> this.compiler.compile(source));
		assertThat(ex).as("compilation fails").isNotNull();
		assertThat(ex.errors()).as("errors").isNotEmpty();
		return ex.errors();
	}

}
