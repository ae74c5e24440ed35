package io.liveguard.web;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Module dependencies point one way: web -> batch -> engine, web -> engine; features do not form cycles. */
@AnalyzeClasses(packages = "io.liveguard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule engineDependsOnNeitherTheApplicationNorSpring = noClasses().that()
		.resideInAPackage("io.liveguard.engine..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.liveguard.web..", "io.liveguard.batch..", "org.springframework..");

	@ArchTest
	static final ArchRule batchDoesNotDependOnWeb = noClasses().that()
		.resideInAPackage("io.liveguard.batch..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.liveguard.web..");

	@ArchTest
	static final ArchRule webFeaturesAreFreeOfCycles = slices().matching("io.liveguard.web.(*)..")
		.should()
		.beFreeOfCycles();

}
