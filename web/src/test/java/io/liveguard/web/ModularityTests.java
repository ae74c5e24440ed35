package io.liveguard.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web module's features are Spring Modulith application modules: each reaches another
 * only through its top-level package (its API; anything under {@code internal} is its
 * own), and no two depend on each other in a cycle. The generated module documentation
 * (PlantUML diagrams and a canvas per feature) is kept in {@code docs/modules/}; this
 * test fails when it no longer matches the code, and {@code -Dliveguard.docs.update=true}
 * writes it anew.
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(LiveGuardApplication.class);

	private static final Path GENERATED = Path.of("target", "spring-modulith-docs");

	private static final Path DOCS = Path.of("..", "docs", "modules");

	@Test
	void featuresReachEachOtherOnlyThroughTheirApiAndFormNoCycles() {
		modules.verify();
	}

	@Test
	void theModuleDocumentationInDocsIsTheCodes() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();
		List<Path> generated = files(GENERATED);
		assertThat(generated).isNotEmpty();
		if (Boolean.getBoolean("liveguard.docs.update")) {
			Files.createDirectories(DOCS);
			for (Path file : files(DOCS)) {
				Files.delete(DOCS.resolve(file));
			}
			for (Path file : generated) {
				Files.copy(GENERATED.resolve(file), DOCS.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		assertThat(files(DOCS)).as("files in docs/modules (regenerate with -Dliveguard.docs.update=true)")
			.containsExactlyInAnyOrderElementsOf(generated);
		for (Path file : generated) {
			// the Documenter lists a diagram's relations in no fixed order: compare the
			// lines, not their order
			assertThat(Files.readAllLines(DOCS.resolve(file)))
				.as("docs/modules/%s is out of date: regenerate with -Dliveguard.docs.update=true", file)
				.containsExactlyInAnyOrderElementsOf(Files.readAllLines(GENERATED.resolve(file)));
		}
	}

	private static List<Path> files(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> !file.getFileName().toString().equals("README.md"))
				.map(Path::getFileName)
				.sorted()
				.toList();
		}
	}

}
