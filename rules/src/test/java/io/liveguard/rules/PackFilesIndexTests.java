package io.liveguard.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.RulePackSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each pack's {@code pack.files} names exactly the files of its folder: the classpath
 * loader reads only what the index lists, so a file left out of it would silently not be
 * part of the pack.
 */
class PackFilesIndexTests {

	private static final Path PACKS = Path.of("src/main/resources/packs");

	static Stream<String> packs() throws IOException {
		try (Stream<Path> folders = Files.list(PACKS)) {
			return folders.filter(Files::isDirectory)
				.map((folder) -> folder.getFileName().toString())
				.sorted()
				.toList()
				.stream();
		}
	}

	@ParameterizedTest
	@MethodSource("packs")
	void listsExactlyTheFilesOfThePackFolder(String pack) throws IOException {
		Path root = PACKS.resolve(pack);
		List<String> present;
		try (Stream<Path> files = Files.walk(root)) {
			present = files.filter(Files::isRegularFile)
				.map((file) -> root.relativize(file).toString().replace('\\', '/'))
				.filter((path) -> !path.equals(RulePackSource.INDEX))
				.toList();
		}

		assertThat(indexed(root)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(present);
	}

	@ParameterizedTest
	@MethodSource("packs")
	void loadsEveryIndexedFileFromTheClasspath(String pack) throws IOException {
		RulePackSource source = RulePackSource.fromClasspath(pack, 1, getClass().getClassLoader());

		assertThat(source.files()).extracting(PackFile::path).containsExactlyElementsOf(indexed(PACKS.resolve(pack)));
		assertThat(source.files()).allSatisfy((file) -> assertThat(file.content()).isNotBlank());
	}

	private static List<String> indexed(Path root) throws IOException {
		return Files.readAllLines(root.resolve(RulePackSource.INDEX))
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

}
