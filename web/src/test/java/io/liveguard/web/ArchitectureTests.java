package io.liveguard.web;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Services speak the domain, controllers speak HTTP: refusals are
 * {@code DomainException}s that one advice maps to problem details. Which features may
 * use which is Spring Modulith's to verify ({@link ModularityTests}); the batch and
 * engine modules check their own rules.
 */
@AnalyzeClasses(packages = "io.liveguard.web", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	/**
	 * Services refuse with domain exceptions: only controllers (for what is HTTP's own,
	 * such as a content type), the error handling itself and the throttle filter that
	 * answers before any controller build HTTP errors.
	 */
	@ArchTest
	static final ArchRule refusalsAreDomainExceptions = noClasses().that()
		.resideOutsideOfPackages("io.liveguard.web.system..", "io.liveguard.web.throttle..")
		.and()
		.areNotAnnotatedWith(RestController.class)
		.and()
		.areNotAnnotatedWith(Controller.class)
		.should()
		.dependOnClassesThat()
		.areAssignableTo(ErrorResponseException.class);

	/**
	 * One advice maps exceptions to problem details; a controller does not catch them on
	 * its own.
	 */
	@ArchTest
	static final ArchRule exceptionsAreHandledInOnePlace = methods().that()
		.areAnnotatedWith(ExceptionHandler.class)
		.should()
		.beDeclaredInClassesThat()
		.resideInAPackage("io.liveguard.web.system..");

}
