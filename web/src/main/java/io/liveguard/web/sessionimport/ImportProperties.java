package io.liveguard.web.sessionimport;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of bulk imports.
 *
 * @param directory where uploaded files are spooled until their import completes; default
 * {@code liveguard-imports} under {@code java.io.tmpdir}
 * @param chunkSize sessions per chunk (one transaction); read by the batch job, listed
 * here for the record
 */
@ConfigurationProperties("liveguard.import")
record ImportProperties(@Nullable Path directory, @Nullable Integer chunkSize) {

	Path spoolDirectory() {
		return (this.directory != null) ? this.directory
				: Path.of(System.getProperty("java.io.tmpdir"), "liveguard-imports");
	}

}
