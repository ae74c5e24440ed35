package io.liveguard.web.sessionimport;

import java.util.Set;

import io.liveguard.batch.job.JobNotRestartable;
import io.liveguard.batch.sessionimport.SessionImports;
import io.liveguard.web.page.Notice;
import io.liveguard.web.user.Caller;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bulk imports page (ADMIN): the latest imports with their progress, re-drawn every
 * two seconds by htmx while they run (as the penalty runs page), the first quarantined
 * lines of each, and restart for a failed one. Files are uploaded through the API
 * ({@code POST /api/v1/imports}), which streams them; a browser form would go through
 * multipart handling.
 */
@Controller
class SessionImportPages {

	static final int RECENT = 20;

	static final int QUARANTINE_SHOWN = 5;

	/** Statuses after which an import changes no more (until a restart). */
	static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED", "UNKNOWN");

	private final SessionImports imports;

	private final ImportRequests requests;

	SessionImportPages(SessionImports imports, ImportRequests requests) {
		this.imports = imports;
		this.requests = requests;
	}

	@GetMapping("/admin/imports")
	String list(Model model) {
		model.addAttribute("imports", this.imports.recent(RECENT));
		model.addAttribute("finished", FINISHED);
		return "sessionimport/imports";
	}

	/** One row of the imports table, for htmx to swap in. */
	@GetMapping("/admin/imports/{importId}/row")
	String row(@PathVariable long importId, Model model) {
		model.addAttribute("import", this.imports.get(importId));
		model.addAttribute("finished", FINISHED);
		return "sessionimport/fragments :: importRow";
	}

	/** The first quarantined lines of an import, for htmx to swap in. */
	@GetMapping("/admin/imports/{importId}/quarantine")
	String quarantine(@PathVariable long importId, Model model) {
		this.imports.get(importId);
		model.addAttribute("importId", importId);
		model.addAttribute("lines", this.imports.quarantine(importId, 0, QUARANTINE_SHOWN));
		return "sessionimport/fragments :: quarantine";
	}

	@PostMapping("/admin/imports/{importId}/restart")
	String restart(@PathVariable long importId, Authentication authentication, RedirectAttributes redirect) {
		try {
			this.requests.restart(importId, Caller.of(authentication).username());
			Notice.ok(redirect, "import.restarted", importId);
		}
		catch (JobNotRestartable ex) {
			Notice.error(redirect, "import.error.restart", importId);
		}
		return "redirect:/admin/imports";
	}

}
