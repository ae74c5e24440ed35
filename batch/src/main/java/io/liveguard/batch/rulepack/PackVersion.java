package io.liveguard.batch.rulepack;

import java.time.Instant;
import java.util.List;

import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.RulePackSource;
import org.jspecify.annotations.Nullable;

/**
 * One version of a rule pack as stored.
 *
 * @param packId the pack
 * @param version its number, from 1
 * @param status DRAFT, PROPOSED, PUBLISHED or RETIRED
 * @param basedOn the version it was made from, or null for the first
 * @param note the author's change note
 * @param author who wrote it
 * @param createdAt when
 * @param updatedAt when its files last changed
 * @param publishedBy who published it
 * @param publishedAt when
 * @param files every file of the pack, as text
 */
public record PackVersion(String packId, int version, Status status, @Nullable Integer basedOn, String note,
		String author, Instant createdAt, Instant updatedAt, @Nullable String publishedBy,
		@Nullable Instant publishedAt, List<PackFile> files) {

	public PackVersion {
		files = List.copyOf(files);
	}

	public RulePackSource source() {
		return new RulePackSource(this.packId, this.version, this.files);
	}

	/**
	 * What an admin approves when publishing ({@link RulePackSource#contentHash()}). Only
	 * meaningful for a version read with its files.
	 */
	public String contentHash() {
		return source().contentHash();
	}

	public PackVersion withFiles(List<PackFile> files) {
		return new PackVersion(this.packId, this.version, this.status, this.basedOn, this.note, this.author,
				this.createdAt, this.updatedAt, this.publishedBy, this.publishedAt, files);
	}

	public enum Status {

		/** Being written; its files may change. */
		DRAFT,

		/**
		 * Proposed for publishing: frozen until an admin publishes it or sends it back to
		 * DRAFT.
		 */
		PROPOSED,

		/** The pack's active version. Never changes. */
		PUBLISHED,

		/**
		 * Published once and replaced since. Never changes; a rollback makes it active
		 * again.
		 */
		RETIRED

	}

}
