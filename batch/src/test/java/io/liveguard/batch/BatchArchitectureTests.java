package io.liveguard.batch;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * How the batch module's features may depend on each other and on Spring Batch. Maven
 * already keeps the web module out; these rules keep what Maven cannot see.
 */
@AnalyzeClasses(packages = "io.liveguard.batch", importOptions = ImportOption.DoNotIncludeTests.class)
class BatchArchitectureTests {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("io.liveguard.batch.(*)..")
		.should()
		.beFreeOfCycles();

	/**
	 * Jobs are launched with {@code JobOperator}; Spring Batch 6 deprecates
	 * {@code JobLauncher}.
	 */
	@ArchTest
	static final ArchRule jobsAreLaunchedWithTheJobOperator = noClasses().should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.batch.core.launch.JobLauncher");

	/**
	 * {@code @EnableBatchProcessing} would switch off Spring Boot's batch
	 * auto-configuration.
	 */
	@ArchTest
	static final ArchRule bootConfiguresSpringBatch = noClasses().should()
		.beAnnotatedWith("org.springframework.batch.core.configuration.annotation.EnableBatchProcessing");

	/**
	 * The batch module serves the web application and the command line alike: it speaks
	 * no HTTP.
	 */
	@ArchTest
	static final ArchRule speaksNoHttp = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.http..", "org.springframework.web..", "jakarta.servlet..");

}
