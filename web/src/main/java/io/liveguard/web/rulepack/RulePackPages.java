package io.liveguard.web.rulepack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.engine.DomainException;
import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.web.page.Notice;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The analysts' rule pack pages: the packs and their versions; a version's files in a
 * CodeMirror editor (DRL highlighted), editable while it is a draft, compiled on save
 * with the errors pinned to their lines; its test cases; and what it changes against the
 * active version, file by file; and proposing it, which freezes it. The admins' page
 * shows each proposed version's content hash and publishes exactly that content, rejects
 * it back to draft, and rolls back. Everything goes through {@link RulePackLifecycle},
 * like the API.
 */
@Controller
class RulePackPages {

	static final String ERRORS = "packErrors";

	static final String UNSAVED = "unsaved";

	static final String TESTS = "testReport";

	static final int STATISTICS_DAYS = 30;

	private final RulePackLifecycle lifecycle;

	private final RulePackTesting testing;

	private final RuleStatistics statistics;

	RulePackPages(RulePackLifecycle lifecycle, RulePackTesting testing, RuleStatistics statistics) {
		this.lifecycle = lifecycle;
		this.testing = testing;
		this.statistics = statistics;
	}

	@GetMapping("/analyst/rule-packs")
	String packs(Model model) {
		Map<RulePackLifecycle.PackSummary, List<PackVersion>> packs = versionsByPack();
		Map<String, List<RuleStatistics.RuleCount>> statistics = new LinkedHashMap<>();
		for (RulePackLifecycle.PackSummary pack : packs.keySet()) {
			statistics.put(pack.packId(), this.statistics.of(pack.packId(), STATISTICS_DAYS));
		}
		model.addAttribute("packs", packs);
		model.addAttribute("statistics", statistics);
		model.addAttribute("statisticsDays", STATISTICS_DAYS);
		return "rulepack/packs";
	}

	@PostMapping("/analyst/rule-packs/{packId}/drafts")
	String newDraft(@PathVariable String packId, @RequestParam int basedOn,
			@RequestParam(required = false) @Nullable String note, Authentication authentication,
			RedirectAttributes redirect) {
		try {
			PackVersion base = this.lifecycle.version(packId, basedOn);
			PackVersion draft = this.lifecycle.createDraft(packId, basedOn,
					(note == null || note.isBlank()) ? "Draft from v" + basedOn : note, base.files(),
					authentication.getName());
			Notice.ok(redirect, "packs.draftCreated", draft.version(), basedOn);
			return "redirect:/analyst/rule-packs/" + packId + "/versions/" + draft.version();
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
			return "redirect:/analyst/rule-packs";
		}
	}

	@GetMapping("/analyst/rule-packs/{packId}/versions/{version}")
	String editor(@PathVariable String packId, @PathVariable int version,
			@RequestParam(required = false) @Nullable String file, Model model) {
		PackVersion shown = this.lifecycle.version(packId, version);
		PackFile current = shown.files()
			.stream()
			.filter((candidate) -> candidate.path().equals(file))
			.findFirst()
			.or(() -> shown.files().stream().filter((candidate) -> candidate.path().endsWith(".drl")).findFirst())
			.orElse(shown.files().get(0));
		Object unsaved = model.getAttribute(UNSAVED);
		model.addAttribute("version", shown);
		model.addAttribute("file", current);
		model.addAttribute("fileContent", (unsaved instanceof PackFile edited && edited.path().equals(current.path()))
				? edited.content() : current.content());
		model.addAttribute("editable", shown.status() == PackVersion.Status.DRAFT);
		model.addAttribute("mode", current.path().endsWith(".drl") ? "drl"
				: current.path().endsWith(".json") ? "application/json" : "text/plain");
		@SuppressWarnings("unchecked")
		List<PackError> errors = (List<PackError>) model.getAttribute(ERRORS);
		model.addAttribute("errors", (errors != null) ? errors : List.of());
		model.addAttribute("errorLines",
				(errors == null) ? List.of()
						: errors.stream()
							.filter((error) -> error.path().equals(current.path()) && error.line() > 0)
							.map(PackError::line)
							.distinct()
							.toList());
		model.addAttribute("diff", diffAgainstActive(shown));
		String text = (String) model.getAttribute("fileContent");
		if (PackTables.isKeywordList(current.path())) {
			model.addAttribute("keywords", PackTables.keywords(text));
		}
		else if (current.path().equals(PackTables.FINDINGS)) {
			List<List<String>> rows = PackTables.rows(text);
			if (!rows.isEmpty()) {
				model.addAttribute("tableHeader", rows.get(0));
				model.addAttribute("tableRows", rows.subList(1, rows.size()));
			}
		}
		return "rulepack/editor";
	}

	@PostMapping("/analyst/rule-packs/{packId}/versions/{version}/files")
	String save(@PathVariable String packId, @PathVariable int version, @RequestParam String path,
			@RequestParam String content, Authentication authentication, RedirectAttributes redirect) {
		String normalized = content.replace("\r\n", "\n");
		PackVersion draft = this.lifecycle.version(packId, version);
		List<PackFile> files = new ArrayList<>();
		boolean found = false;
		for (PackFile file : draft.files()) {
			if (file.path().equals(path)) {
				files.add(new PackFile(path, normalized));
				found = true;
			}
			else {
				files.add(file);
			}
		}
		String back = "redirect:/analyst/rule-packs/" + packId + "/versions/" + version + "?file=" + path;
		if (!found) {
			Notice.error(redirect, "admin.refused", "files: no file " + path);
			return back;
		}
		try {
			this.lifecycle.updateDraft(packId, version, files, authentication.getName());
			Notice.ok(redirect, "packs.saved", path);
		}
		catch (RulePackLifecycle.DraftRejectedException ex) {
			List<PackError> errors = ex.errors();
			redirect.addFlashAttribute(ERRORS, errors);
			redirect.addFlashAttribute(UNSAVED, new PackFile(path, normalized));
			Notice.error(redirect, "packs.notSaved", path, errors.size());
		}
		catch (DomainException ex) {
			redirect.addFlashAttribute(UNSAVED, new PackFile(path, normalized));
			Notice.error(redirect, "admin.refused", ex.detail());
		}
		return back;
	}

	/**
	 * A keyword list saved from its table: the phrases kept, less those marked, plus the
	 * new ones.
	 */
	@PostMapping("/analyst/rule-packs/{packId}/versions/{version}/keywords")
	String saveKeywords(@PathVariable String packId, @PathVariable int version, @RequestParam String path,
			@RequestParam(name = "phrase", required = false) @Nullable List<String> phrases,
			@RequestParam(name = "remove", required = false) @Nullable List<Integer> remove,
			@RequestParam(name = "add", required = false) @Nullable String add, Authentication authentication,
			RedirectAttributes redirect) {
		PackVersion draft = this.lifecycle.version(packId, version);
		String current = draft.source().file(path).map(PackFile::content).orElse("");
		List<String> kept = new ArrayList<>();
		List<String> given = (phrases != null) ? phrases : List.of();
		for (int i = 0; i < given.size(); i++) {
			if (remove == null || !remove.contains(i)) {
				kept.add(given.get(i));
			}
		}
		if (add != null) {
			kept.addAll(add.lines().toList());
		}
		return save(packId, version, path, PackTables.keywordList(PackTables.keywordComments(current), kept),
				authentication, redirect);
	}

	/**
	 * The findings decision table saved from its table: cells {@code c<column>} by row,
	 * plus a new row.
	 */
	@PostMapping("/analyst/rule-packs/{packId}/versions/{version}/findings")
	String saveFindings(@PathVariable String packId, @PathVariable int version,
			@RequestParam MultiValueMap<String, String> form, Authentication authentication,
			RedirectAttributes redirect) {
		PackVersion draft = this.lifecycle.version(packId, version);
		List<List<String>> existing = PackTables
			.rows(draft.source().file(PackTables.FINDINGS).map(PackFile::content).orElse(""));
		List<String> header = existing.isEmpty() ? List.of() : existing.get(0);
		int rowCount = (form.get("c0") == null) ? 0 : form.get("c0").size();
		List<List<String>> rows = new ArrayList<>();
		for (int row = 0; row < rowCount; row++) {
			List<String> cells = new ArrayList<>();
			for (int column = 0; column < header.size(); column++) {
				List<String> values = form.get("c" + column);
				cells.add((values == null || values.size() <= row) ? "" : values.get(row).strip());
			}
			rows.add(cells);
		}
		return save(packId, version, PackTables.FINDINGS, PackTables.csv(header, rows), authentication, redirect);
	}

	@PostMapping("/analyst/rule-packs/{packId}/versions/{version}/test")
	String test(@PathVariable String packId, @PathVariable int version,
			@RequestParam(required = false) @Nullable String file, RedirectAttributes redirect) {
		try {
			redirect.addFlashAttribute(TESTS, this.testing.run(packId, version, List.of()));
		}
		catch (DomainException ex) {
			// stopped at a limit, or cases that cannot be read: the notice says which
			Notice.error(redirect, "admin.refused", ex.detail());
		}
		return "redirect:/analyst/rule-packs/" + packId + "/versions/" + version
				+ ((file == null) ? "" : "?file=" + file) + "#tests";
	}

	@GetMapping("/admin/rule-packs")
	String admin(Model model) {
		Map<RulePackLifecycle.PackSummary, List<PackVersion>> packs = versionsByPack();
		// the hash of each proposed version, as of this page: what the admin approves by
		// publishing from it
		Map<String, String> hashes = new LinkedHashMap<>();
		for (List<PackVersion> versions : packs.values()) {
			for (PackVersion version : versions) {
				if (version.status() == PackVersion.Status.PROPOSED) {
					hashes.put(version.packId() + "@" + version.version(),
							this.lifecycle.version(version.packId(), version.version()).contentHash());
				}
			}
		}
		model.addAttribute("packs", packs);
		model.addAttribute("hashes", hashes);
		return "rulepack/admin";
	}

	@PostMapping("/analyst/rule-packs/{packId}/versions/{version}/propose")
	String propose(@PathVariable String packId, @PathVariable int version, Authentication authentication,
			RedirectAttributes redirect) {
		act(redirect, "packs.proposed", packId, version,
				() -> this.lifecycle.propose(packId, version, authentication.getName()));
		return "redirect:/analyst/rule-packs/" + packId + "/versions/" + version;
	}

	@PostMapping("/admin/rule-packs/{packId}/versions/{version}/reject")
	String reject(@PathVariable String packId, @PathVariable int version, Authentication authentication,
			RedirectAttributes redirect) {
		act(redirect, "packs.rejected", packId, version,
				() -> this.lifecycle.reject(packId, version, authentication.getName()));
		return "redirect:/admin/rule-packs";
	}

	/** Publishes the content the admin saw: the form carries the hash the page showed. */
	@PostMapping("/admin/rule-packs/{packId}/versions/{version}/publish")
	String publish(@PathVariable String packId, @PathVariable int version,
			@RequestParam(required = false) @Nullable String contentHash, Authentication authentication,
			RedirectAttributes redirect) {
		act(redirect, "packs.published", packId, version,
				() -> this.lifecycle.publish(packId, version, authentication.getName(), contentHash));
		return "redirect:/admin/rule-packs";
	}

	@PostMapping("/admin/rule-packs/{packId}/versions/{version}/rollback")
	String rollback(@PathVariable String packId, @PathVariable int version, Authentication authentication,
			RedirectAttributes redirect) {
		act(redirect, "packs.rolledBack", packId, version,
				() -> this.lifecycle.rollback(packId, version, authentication.getName()));
		return "redirect:/admin/rule-packs";
	}

	/**
	 * Does a version's state change and says on the next page how it went, or why it was
	 * refused.
	 */
	private static void act(RedirectAttributes redirect, String done, String packId, int version, Runnable change) {
		try {
			change.run();
			Notice.ok(redirect, done, packId, version);
		}
		catch (DomainException ex) {
			Notice.error(redirect, "admin.refused", ex.detail());
		}
	}

	private Map<RulePackLifecycle.PackSummary, List<PackVersion>> versionsByPack() {
		Map<RulePackLifecycle.PackSummary, List<PackVersion>> packs = new LinkedHashMap<>();
		for (RulePackLifecycle.PackSummary pack : this.lifecycle.packs()) {
			packs.put(pack, this.lifecycle.versions(pack.packId()));
		}
		return packs;
	}

	/** Unified diffs of the files that differ from the active version's, by path. */
	private Map<String, String> diffAgainstActive(PackVersion shown) {
		Integer active = this.lifecycle.packs()
			.stream()
			.filter((pack) -> pack.packId().equals(shown.packId()))
			.findFirst()
			.map(RulePackLifecycle.PackSummary::activeVersion)
			.orElse(null);
		Map<String, String> diffs = new LinkedHashMap<>();
		if (active == null || active == shown.version()) {
			return diffs;
		}
		PackVersion base = this.lifecycle.version(shown.packId(), active);
		for (PackFile file : shown.files()) {
			Optional<PackFile> before = base.source().file(file.path());
			String old = before.map(PackFile::content).orElse("");
			if (old.equals(file.content())) {
				continue;
			}
			List<String> oldLines = old.lines().toList();
			List<String> newLines = file.content().lines().toList();
			diffs.put(file.path(),
					String.join("\n",
							UnifiedDiffUtils.generateUnifiedDiff("v" + active + "/" + file.path(),
									"v" + shown.version() + "/" + file.path(), oldLines,
									DiffUtils.diff(oldLines, newLines), 2)));
		}
		for (PackFile file : base.files()) {
			if (shown.source().file(file.path()).isEmpty()) {
				diffs.put(file.path(), "removed in v" + shown.version());
			}
		}
		return diffs;
	}

}
