package io.liveguard.web.rulepack;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.engine.rulepack.PackFile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The rule packs API ({@code api.md}, "Rule packs"). */
@RestController
@RequestMapping("/api/v1/rule-packs")
@Tag(name = "Rule packs",
		description = "Versioned rule packs: drafts and proposals (ANALYST), publish, reject and rollback (ADMIN)")
class RulePackController {

	private final RulePackLifecycle lifecycle;

	private final RuleStatistics statistics;

	private final RulePackTesting testing;

	RulePackController(RulePackLifecycle lifecycle, RuleStatistics statistics, RulePackTesting testing) {
		this.lifecycle = lifecycle;
		this.statistics = statistics;
		this.testing = testing;
	}

	@GetMapping
	@Operation(summary = "Every pack with its markets and active version")
	List<RulePackLifecycle.PackSummary> packs() {
		return this.lifecycle.packs();
	}

	@GetMapping("/{packId}/statistics")
	@Operation(
			summary = "Per rule: findings of the last days (default 30) on current score cards, appealed, overturned")
	List<RuleStatistics.RuleCount> statistics(@PathVariable String packId,
			@RequestParam(defaultValue = "30") int days) {
		this.lifecycle.versions(packId);
		return this.statistics.of(packId, days);
	}

	@GetMapping("/{packId}/versions")
	@Operation(summary = "A pack's versions, newest first, without their files")
	List<VersionSummary> versions(@PathVariable String packId) {
		return this.lifecycle.versions(packId).stream().map(VersionSummary::of).toList();
	}

	@GetMapping("/{packId}/versions/{version}")
	@Operation(summary = "One version with every file of the pack as text")
	VersionView version(@PathVariable String packId, @PathVariable int version) {
		return VersionView.of(this.lifecycle.version(packId, version));
	}

	@PostMapping("/{packId}/versions")
	@ApiResponse(responseCode = "201", description = "Draft created; Location names the version",
			useReturnTypeSchema = true)
	@Operation(
			summary = "A new draft holding exactly the given files: 201 when it compiles, 422 with the errors when not")
	ResponseEntity<Created> createDraft(@PathVariable String packId, @Valid @RequestBody NewDraft draft,
			Authentication authentication) {
		PackVersion created = this.lifecycle.createDraft(packId, draft.basedOn(), draft.note(), files(draft.files()),
				authentication.getName());
		return ResponseEntity.created(URI.create("/api/v1/rule-packs/" + packId + "/versions/" + created.version()))
			.body(new Created(created.version()));
	}

	@PutMapping("/{packId}/versions/{version}")
	@Operation(summary = "Replace a draft's files (422 when they do not compile; a published version never changes)")
	VersionView updateDraft(@PathVariable String packId, @PathVariable int version, @Valid @RequestBody NewDraft draft,
			Authentication authentication) {
		return VersionView
			.of(this.lifecycle.updateDraft(packId, version, files(draft.files()), authentication.getName()));
	}

	@PostMapping("/{packId}/versions/{version}/test")
	@Operation(summary = "Run the version's own test cases (tests/*.json) and any given ones (ANALYST)")
	RulePackTesting.TestReport test(@PathVariable String packId, @PathVariable int version,
			@Valid @RequestBody(required = false) @Nullable TestRequest request) {
		return this.testing.run(packId, version,
				(request == null || request.cases() == null) ? List.of() : request.cases());
	}

	@PostMapping("/{packId}/versions/{version}/propose")
	@Operation(
			summary = "Propose a draft for publishing, which freezes it: edits are refused with 409 until an admin publishes or rejects it (ANALYST)")
	VersionView propose(@PathVariable String packId, @PathVariable int version, Authentication authentication) {
		return VersionView.of(this.lifecycle.propose(packId, version, authentication.getName()));
	}

	@PostMapping("/{packId}/versions/{version}/reject")
	@Operation(summary = "Send a proposed version back to draft, so its author can edit it again (ADMIN)")
	VersionView reject(@PathVariable String packId, @PathVariable int version, Authentication authentication) {
		return VersionView.of(this.lifecycle.reject(packId, version, authentication.getName()));
	}

	@PostMapping("/{packId}/versions/{version}/publish")
	@Operation(summary = "Make a proposed version the active one, atomically (ADMIN, never its author); "
			+ "the body names the contentHash reviewed: 409 when the version's content is not that any more")
	VersionView publish(@PathVariable String packId, @PathVariable int version,
			@Valid @RequestBody(required = false) @Nullable Approval approval, Authentication authentication) {
		return VersionView.of(this.lifecycle.publish(packId, version, authentication.getName(),
				(approval == null) ? null : approval.contentHash()));
	}

	@PostMapping("/{packId}/versions/{version}/rollback")
	@Operation(summary = "Make a version published before the active one again, atomically (ADMIN)")
	VersionView rollback(@PathVariable String packId, @PathVariable int version, Authentication authentication) {
		return VersionView.of(this.lifecycle.rollback(packId, version, authentication.getName()));
	}

	private static List<PackFile> files(@Nullable List<FileBody> files) {
		return (files == null) ? List.of()
				: files.stream().map((file) -> new PackFile(file.path(), file.content())).toList();
	}

	/** Test sessions (or scripted lives) to run besides the version's own. */
	record TestRequest(@Nullable List<@NotNull(message = "a case is a JSON object, not null") JsonNode> cases) {
	}

	/**
	 * {@code {"contentHash": "sha256:..."}}: the content the admin reviewed and approves.
	 * The lifecycle checks the same rules for the pages' forms.
	 */
	record Approval(@NotBlank(
			message = "name the content you reviewed (the version's contentHash, sha256:...)") @Nullable String contentHash) {
	}

	/**
	 * A draft's note and its files. The lifecycle checks the same rules for the pages'
	 * forms.
	 */
	record NewDraft(@Nullable Integer basedOn,
			@Size(max = RulePackLifecycle.MAX_NOTE, message = "at most {max} characters") @Nullable String note,
			@NotEmpty(message = "a pack version needs its files") @Nullable List<@Valid @NotNull FileBody> files) {
	}

	record FileBody(@NotNull(message = "is required") @Pattern(regexp = RulePackLifecycle.PACK_PATH,
			message = "'${validatedValue}' is not a relative path inside the pack (at most 300 characters, no '..')") @Nullable String path,
			@NotNull(message = "has no content") @Nullable String content) {
	}

	record Created(int version) {
	}

	record VersionSummary(String packId, int version, PackVersion.Status status, boolean active,
			@Nullable Integer basedOn, String note, String author, Instant createdAt, @Nullable String publishedBy,
			@Nullable Instant publishedAt) {

		static VersionSummary of(PackVersion version) {
			return new VersionSummary(version.packId(), version.version(), version.status(),
					version.status() == PackVersion.Status.PUBLISHED, version.basedOn(), version.note(),
					version.author(), version.createdAt(), version.publishedBy(), version.publishedAt());
		}

	}

	/**
	 * {@code {packId, version, status, active, contentHash, files, note, author,
	 * createdAt}} as api.md gives it.
	 */
	record VersionView(String packId, int version, PackVersion.Status status, boolean active, String contentHash,
			@Nullable Integer basedOn, List<FileBody> files, String note, String author, Instant createdAt,
			Instant updatedAt, @Nullable String publishedBy, @Nullable Instant publishedAt) {

		static VersionView of(PackVersion version) {
			return new VersionView(version.packId(), version.version(), version.status(),
					version.status() == PackVersion.Status.PUBLISHED, version.contentHash(), version.basedOn(),
					version.files().stream().map((file) -> new FileBody(file.path(), file.content())).toList(),
					version.note(), version.author(), version.createdAt(), version.updatedAt(), version.publishedBy(),
					version.publishedAt());
		}

	}

}
