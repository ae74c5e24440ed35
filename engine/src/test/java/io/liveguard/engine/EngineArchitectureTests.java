package io.liveguard.engine;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the engine's packages may depend on each other. Maven already keeps Spring, batch
 * and web out of the engine; these rules keep what Maven cannot see: the domain does not
 * reach into the Drools runtime, and its packages form no cycle.
 */
@AnalyzeClasses(packages = "io.liveguard.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTests {

	@ArchTest
	static final ArchRule packagesAreFreeOfCycles = slices().matching("io.liveguard.engine.(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * Drools is a detail of running a rule pack: sessions, penalties and facts are plain
	 * Java.
	 */
	@ArchTest
	static final ArchRule onlyTheRuleRuntimeUsesDrools = noClasses().that()
		.resideInAnyPackage("io.liveguard.engine.session..", "io.liveguard.engine.penalty..",
				"io.liveguard.engine.facts..", "io.liveguard.engine.text..", "io.liveguard.engine.generator..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.kie..", "org.drools..", "org.mvel2..");

	/** The session domain knows nothing of how it is scored or punished. */
	@ArchTest
	static final ArchRule theSessionDomainDependsOnNoOtherFeature = noClasses().that()
		.resideInAPackage("io.liveguard.engine.session..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.liveguard.engine.rulepack..", "io.liveguard.engine.scoring..",
				"io.liveguard.engine.penalty..", "io.liveguard.engine.generator..");

	/**
	 * The engine reports through its results and exceptions, never the console; only the
	 * programs run on their own (the session generator, the draft worker's child JVM)
	 * write to it.
	 */
	@ArchTest
	static final ArchRule noConsoleOutput = noClasses().that()
		.resideOutsideOfPackages("io.liveguard.engine.generator..", "io.liveguard.engine.rulepack.worker..")
		.should()
		.accessField(System.class, "out")
		.orShould()
		.accessField(System.class, "err");

}
