package io.liveguard.engine.rulepack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.drools.compiler.kie.builder.impl.DrlProject;
import org.junit.jupiter.api.Test;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.type.FactType;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolving a scoring rule's numeric settings at compile time: what is folded, what is
 * left as written, and that lines stay where they were.
 */
class SettingsFoldingTests {

	private static final String HEAD = """
			package test.folding;

			import io.liveguard.engine.facts.*;
			import io.liveguard.engine.rulepack.PackSettings;

			""";

	private final PackSettings settings = new PackSettings(Set.of("*"),
			Map.of("a.min", "0.8", "a.minReports", "5", "a.per", "200", "a.small", "1.0E-4"),
			Map.of("a.min", 0.8, "a.minReports", 5.0, "a.per", 200.0, "a.small", 1.0E-4), new FindingTable(List.of()),
			Map.of());

	/**
	 * Twelve rules comparing one {@code int} property with fractional settings: enough
	 * for Drools to index the literals by range, where a plain {@code 20.5} is narrowed
	 * to 20 (a fact with 20 would pass {@code >= 20.5}). The {@code ==} rule stays as
	 * written: Drools' join index narrows the setting there, so {@code n == $v} holds for
	 * 20, and so it must after folding.
	 */
	@Test
	void aFoldedRuleFiresExactlyAsWrittenWhenDroolsIndexesTheLiterals() {
		Map<String, String> values = new java.util.HashMap<>();
		Map<String, Double> numbers = new java.util.HashMap<>();
		StringBuilder drl = new StringBuilder(HEAD).append("global java.util.List fired;\n");
		for (int k = 10; k < 22; k++) {
			values.put("a.v" + k, k + ".5");
			numbers.put("a.v" + k, k + 0.5);
			drl.append("rule \"ge")
				.append(k)
				.append("\" when\n    PackSettings( $v : num(\"a.v")
				.append(k)
				.append("\") )\n    Counted( n >= $v )\nthen\n    fired.add(\"ge")
				.append(k)
				.append("\");\nend\n");
		}
		drl.append("rule \"eq\" when\n    PackSettings( $v : num(\"a.v20\") )\n")
			.append("    Counted( n == $v )\nthen\n    fired.add(\"eq\");\nend\n");
		PackSettings halves = new PackSettings(Set.of("*"), values, numbers, new FindingTable(List.of()), Map.of());

		String folded = SettingsFolding.fold(drl.toString(), halves);

		assertThat(folded).contains("Counted( n >= 20.5d )").contains("Counted( n == $v )");
		for (int n : new int[] { 20, 21 }) {
			assertThat(fired(folded, halves, n)).isEqualTo(fired(drl.toString(), halves, n));
		}
		assertThat(fired(folded, halves, 20)).contains("ge19").doesNotContain("ge20");
		assertThat(fired(folded, halves, 21)).contains("ge20").doesNotContain("ge21");
	}

	@Test
	void leavesARuleThatTestsASettingForEquality() {
		String drl = HEAD + """
				rule "equality"
				when
				    PackSettings( $min : num("a.minReports") )
				    $s : SessionSummary( viewerReports >= 1, viewerReports == ($min) )
				then
				end

				rule "membership"
				when
				    PackSettings( $min : num("a.minReports") )
				    $s : SessionSummary( viewerReports in (1, $min) )
				then
				end

				rule "outside a pattern"
				when
				    PackSettings( $min : num("a.min") )
				    $f : Flag() from java.util.List.of($min)
				then
				end
				""";

		assertOnlyTheControlRuleFolds(drl);
	}

	private static List<String> fired(String drl, PackSettings settings, int n) {
		KieServices services = KieServices.Factory.get();
		ReleaseId releaseId = services.newReleaseId("test.folding", "folding", "1-" + java.util.UUID.randomUUID());
		KieFileSystem files = services.newKieFileSystem();
		files.generateAndWritePomXML(releaseId);
		files.write("src/main/resources/test/folding/types.drl",
				"package test.folding;\ndeclare Counted\n    n : int\nend\n");
		files.write("src/main/resources/test/folding/rules.drl", drl);
		KieBuilder builder = services.newKieBuilder(files).buildAll(DrlProject.class);
		assertThat(builder.getResults().getMessages(Message.Level.ERROR)).isEmpty();
		KieContainer container = services.newKieContainer(releaseId);
		services.getRepository().removeKieModule(releaseId);
		KieSession session = container.newKieSession();
		try {
			FactType counted = container.getKieBase().getFactType("test.folding", "Counted");
			Object fact = counted.newInstance();
			counted.set(fact, "n", n);
			List<String> fired = new ArrayList<>();
			session.setGlobal("fired", fired);
			session.insert(settings);
			session.insert(fact);
			session.fireAllRules();
			return fired;
		}
		catch (InstantiationException | IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			session.dispose();
		}
	}

	@Test
	void foldsABindingOnlyPatternIntoDoubleLiteralsKeepingLines() {
		String drl = HEAD + """
				rule "r"
				when
				    PackSettings( $minReports : num("a.minReports"),
				                  $per : num("a.per") )
				    $s : SessionSummary( viewerReports >= $minReports, viewerReports * $per >= peakViewers )
				then
				    insertLogical( new Detection("X", kcontext.getRule().getName(), $s.getReportsEvidence()) );
				end
				""";

		String folded = SettingsFolding.fold(drl, this.settings);

		assertThat(folded).doesNotContain("PackSettings(").doesNotContain("$per").doesNotContain("$minReports");
		assertThat(folded).contains("SessionSummary( viewerReports >= 5.0d, viewerReports * 200.0d >= peakViewers )");
		assertThat(folded.lines().count()).isEqualTo(drl.lines().count());
		assertThat(TestPacks.lineOf(folded, "SessionSummary(")).isEqualTo(TestPacks.lineOf(drl, "SessionSummary("));
		assertThat(TestPacks.lineOf(folded, "insertLogical")).isEqualTo(TestPacks.lineOf(drl, "insertLogical"));
	}

	@Test
	void replacesOnlyTheWholeVariableOutsideStrings() {
		String drl = HEAD + """
				rule "r"
				when
				    PackSettings( $min : num("a.min") )
				    $k : KeywordHit( list == "$min", $min > 0 )
				    $f : Flag( confidence >= $min, confidence * 2 >= $minimum )
				then
				end
				""";

		String folded = SettingsFolding.fold(drl, this.settings);

		assertThat(folded).contains("KeywordHit( list == \"$min\", 0.8d > 0 )")
			.contains("Flag( confidence >= 0.8d, confidence * 2 >= $minimum )");
	}

	@Test
	void foldsEveryRuleOfAFileAndKeepsExactValues() {
		String drl = HEAD + """
				rule "one"
				when
				    PackSettings( $min : num("a.min") )
				    $f : Flag( confidence >= $min )
				then
				end

				rule "two"
				when
				    PackSettings( $min : num("a.small") )
				    $f : Flag( confidence < $min )
				then
				end
				""";

		String folded = SettingsFolding.fold(drl, this.settings);

		assertThat(folded).contains("Flag( confidence >= 0.8d )").contains("Flag( confidence < 1.0E-4d )");
		assertThat(SettingsFolding.literal(0.1)).isEqualTo("0.1d");
		assertThat(Double.parseDouble(SettingsFolding.literal(1.0E-4))).isEqualTo(1.0E-4);
	}

	@Test
	void leavesPatternsWhoseBindingsTheConsequenceUsesOrThatAreNotOnTheirOwn() {
		String drl = HEAD + """
				rule "consequence reads it"
				when
				    PackSettings( $min : num("a.min") )
				    $f : Flag( confidence >= $min )
				then
				    insertLogical( new Detection("X", "" + $min, $f.getEvidence()) );
				end

				rule "inside not"
				when
				    $f : Flag()
				    not ( PackSettings( $min : num("a.min") ) and Flag( confidence >= $min ) )
				then
				end

				rule "bound fact"
				when
				    $settings : PackSettings( $min : num("a.min") )
				    $f : Flag( confidence >= $min )
				then
				end

				rule "other constraint"
				when
				    PackSettings( $min : num("a.min"), isNumeric("a.min") )
				    $f : Flag( confidence >= $min )
				then
				end

				rule "from"
				when
				    PackSettings( $min : num("a.min") ) from entryPoint
				then
				end

				rule "unknown setting"
				when
				    PackSettings( $min : num("a.none") )
				    $f : Flag( confidence >= $min )
				then
				end

				rule "no dollar: min could be a property of Flag"
				when
				    PackSettings( min : num("a.min") )
				    $f : Flag( confidence >= min )
				then
				end
				""";

		assertOnlyTheControlRuleFolds(drl);
	}

	@Test
	void leavesAPackThatChangesFactsOrAFileThatDoesNotImportTheSettings() {
		String rule = """
				rule "r"
				when
				    PackSettings( $min : num("a.min") )
				    $f : Flag( confidence >= $min )
				then
				end
				""";
		PackFile folds = new PackFile("rules/a.drl", HEAD + rule);
		PackFile deletes = new PackFile("rules/b.drl", HEAD + """
				rule "d"
				when
				    $f : Flag()
				then
				    delete( $f );
				end
				""");
		PackFile noImport = new PackFile("rules/c.drl", "package test.folding;\n" + rule);

		assertThat(SettingsFolding.fold(List.of(folds, deletes), this.settings)).containsExactly(folds, deletes);
		assertThat(SettingsFolding.fold(List.of(folds, noImport), this.settings).get(0).content())
			.contains("confidence >= 0.8d");
		assertThat(SettingsFolding.fold(List.of(folds, noImport), this.settings).get(1)).isEqualTo(noImport);
	}

	/**
	 * Keywords, variables and patterns spelled in strings, comments and rule names are
	 * not structure: the rule folds exactly as if they were not there, and they stay as
	 * written.
	 */
	@Test
	void leavesStringsCommentsAndRuleNamesAlone() {
		String drl = HEAD + """
				rule "when $min then PackSettings( $min : num('a.min') )" // then $min
				when
				    /* when PackSettings( $min : num("a.min") ) then */
				    PackSettings( $min : num("a.min") ) // then when $min
				    $k : KeywordHit( list != "$min then", $min > 0 /* $min == 1 */ )
				    $f : Flag( confidence >= $min ) // $min
				then
				    // $min when
				    insertLogical( new Detection("X", "when $min", $f.getEvidence()) );
				end
				""";

		String folded = SettingsFolding.fold(drl, this.settings);

		String pattern = "PackSettings( $min : num(\"a.min\") ) // then when $min";
		String expected = drl.replace(pattern, " ".repeat(pattern.indexOf("//")) + "// then when $min")
			.replace("\"$min then\", $min > 0 /*", "\"$min then\", 0.8d > 0 /*")
			.replace("Flag( confidence >= $min )", "Flag( confidence >= 0.8d )");
		assertThat(folded).isNotEqualTo(drl).isEqualTo(expected);
	}

	/**
	 * A variable used inside {@code accumulate}, {@code not}, {@code exists} or an
	 * {@code or} group is not folded (only named constraints of later top-level patterns
	 * are), and then its pattern stays; a group that does not use it does not stop the
	 * fold.
	 */
	@Test
	void leavesAVariableUsedInsideAGroupOrAnAccumulate() {
		String drl = HEAD + """
				rule "accumulate"
				when
				    PackSettings( $min : num("a.min") )
				    $n : Number() from accumulate( Flag( confidence > $min, $c : confidence ), sum($c) )
				then
				end

				rule "not"
				when
				    PackSettings( $min : num("a.min") )
				    not ( Flag( confidence < $min ) )
				then
				end

				rule "exists"
				when
				    PackSettings( $min : num("a.min") )
				    exists Flag( confidence < $min )
				then
				end

				rule "or"
				when
				    PackSettings( $min : num("a.min") )
				    Flag( confidence < 0.1 ) or Flag( confidence > $min )
				then
				end

				rule "from"
				when
				    PackSettings( $min : num("a.min") )
				    $s : SessionSummary()
				    $f : Flag( confidence > 0.1 ) from java.util.List.of($s, $min)
				then
				end
				""";
		String groupWithoutIt = HEAD + """
				rule "a group that does not use it"
				when
				    PackSettings( $min : num("a.min") )
				    not ( Flag( confidence < 0.1 ) )
				    $f : Flag( confidence >= $min )
				then
				end
				""";

		assertOnlyTheControlRuleFolds(drl);
		assertThat(SettingsFolding.fold(groupWithoutIt, this.settings))
			.contains("not ( Flag( confidence < 0.1 ) )\n    $f : Flag( confidence >= 0.8d )")
			.doesNotContain("PackSettings(");
	}

	/**
	 * The default pack's scoring DRL as of the first, regular-expression version of the
	 * folding, and what that version made of it: 18 of its 19 settings patterns folded
	 * (the content score rule binds the fact itself), the same text now.
	 */
	@Test
	void foldsTheDefaultPackAsTheFirstVersionDid() throws java.io.IOException {
		java.nio.file.Path pack = java.nio.file.Path.of("src/test/resources/folding/default-pack");
		java.util.Properties properties = new java.util.Properties();
		try (java.io.Reader reader = java.nio.file.Files.newBufferedReader(pack.resolve("settings.properties"))) {
			properties.load(reader);
		}
		Map<String, String> values = new java.util.HashMap<>();
		Map<String, Double> numbers = new java.util.HashMap<>();
		for (String key : properties.stringPropertyNames()) {
			String value = properties.getProperty(key).strip();
			values.put(key, value);
			try {
				numbers.put(key, Double.parseDouble(value));
			}
			catch (NumberFormatException notANumber) {
				// a text setting
			}
		}
		PackSettings defaults = new PackSettings(Set.of("*"), values, numbers, new FindingTable(List.of()), Map.of());
		List<PackFile> asWritten = new ArrayList<>();
		List<String> names = List.of("claims.drl", "conduct.drl", "products.drl", "quality.drl", "score.drl");
		for (String name : names) {
			asWritten.add(new PackFile("rules/" + name,
					java.nio.file.Files.readString(pack.resolve("as-written").resolve(name))));
		}

		List<PackFile> folded = SettingsFolding.fold(asWritten, defaults);

		int patternsBefore = 0;
		int patternsAfter = 0;
		for (int i = 0; i < names.size(); i++) {
			assertThat(folded.get(i).content())
				.isEqualTo(java.nio.file.Files.readString(pack.resolve("regex-folded").resolve(names.get(i))));
			patternsBefore += count(asWritten.get(i).content(), "PackSettings(");
			patternsAfter += count(folded.get(i).content(), "PackSettings(");
		}
		assertThat(patternsBefore).isEqualTo(19);
		assertThat(patternsAfter).isEqualTo(1);
	}

	private static int count(String text, String marker) {
		return text.split(java.util.regex.Pattern.quote(marker), -1).length - 1;
	}

	/**
	 * Folds the DRL with a rule that does fold appended, so that a file Drools' parser
	 * rejects (left as written whole) cannot pass for rules left as written one by one.
	 */
	private void assertOnlyTheControlRuleFolds(String drl) {
		String control = """

				rule "control"
				when
				    PackSettings( $min : num("a.min") )
				    $f : Flag( confidence >= $min )
				then
				end
				""";

		String folded = SettingsFolding.fold(drl + control, this.settings);

		assertThat(folded).startsWith(drl);
		assertThat(folded.substring(drl.length())).contains("$f : Flag( confidence >= 0.8d )")
			.doesNotContain("PackSettings(");
	}

}
