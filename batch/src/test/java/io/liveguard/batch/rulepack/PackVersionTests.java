package io.liveguard.batch.rulepack;

import java.time.Instant;
import java.util.List;

import io.liveguard.engine.rulepack.PackFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The content hash an admin approves: the files and nothing else, in any order. */
class PackVersionTests {

	@Test
	void theContentHashIsTheFilesWhateverTheirOrderAndNothingElse() {
		PackVersion version = version(PackVersion.Status.DRAFT, "lan",
				List.of(new PackFile("rules/a.drl", "rule a"), new PackFile("settings.properties", "x = 1")));
		PackVersion reordered = version(PackVersion.Status.PROPOSED, "minh",
				List.of(new PackFile("settings.properties", "x = 1"), new PackFile("rules/a.drl", "rule a")));

		assertThat(version.contentHash()).matches("sha256:[0-9a-f]{64}").isEqualTo(reordered.contentHash());
	}

	@Test
	void anyChangeOfAPathOrAContentChangesTheHashEvenWhenTheConcatenationIsTheSame() {
		String hash = version(PackVersion.Status.DRAFT, "lan", List.of(new PackFile("a", "bc"))).contentHash();

		assertThat(version(PackVersion.Status.DRAFT, "lan", List.of(new PackFile("ab", "c"))).contentHash())
			.isNotEqualTo(hash);
		assertThat(version(PackVersion.Status.DRAFT, "lan", List.of(new PackFile("a", "bc "))).contentHash())
			.isNotEqualTo(hash);
		assertThat(version(PackVersion.Status.DRAFT, "lan", List.of(new PackFile("a", "bc"), new PackFile("d", "")))
			.contentHash()).isNotEqualTo(hash);
	}

	private static PackVersion version(PackVersion.Status status, String author, List<PackFile> files) {
		return new PackVersion("default", 2, status, 1, "", author, Instant.EPOCH, Instant.EPOCH, null, null, files);
	}

}
