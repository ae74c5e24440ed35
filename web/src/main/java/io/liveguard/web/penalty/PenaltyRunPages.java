package io.liveguard.web.penalty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

import io.liveguard.batch.job.JobNotRestartable;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.Notice;
import io.liveguard.web.user.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The penalty runs page (ADMIN): start a run for a business date, and follow the latest
 * runs. A run still going is re-drawn every two seconds by htmx from a fragment; the
 * fragment of a finished run carries no trigger, so the polling stops by itself.
 */
@Controller
class PenaltyRunPages {

	static final int RECENT = 20;

	/** Statuses after which a run changes no more. */
	static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

	private final PenaltyRuns runs;

	private final PenaltyRunRequests requests;

	private final Clock clock;

	PenaltyRunPages(PenaltyRuns runs, PenaltyRunRequests requests, Clock clock) {
		this.runs = runs;
		this.requests = requests;
		this.clock = clock;
	}

	@GetMapping("/admin/penalty-runs")
	String list(Model model) {
		model.addAttribute("runs", this.runs.recent(RECENT));
		model.addAttribute("defaultDate", LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusDays(1));
		model.addAttribute("finished", FINISHED);
		return "penalty/runs";
	}

	@PostMapping("/admin/penalty-runs")
	String start(
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate businessDate,
			@RequestParam(required = false) @Nullable String market, Authentication authentication,
			RedirectAttributes redirect) {
		String code = (market == null || market.isBlank()) ? null : market.strip().toUpperCase(Locale.ROOT);
		if (businessDate == null) {
			Notice.error(redirect, "run.error.date");
			return "redirect:/admin/penalty-runs";
		}
		if (code != null && !code.matches("[A-Z]{2}")) {
			Notice.error(redirect, "run.error.market", code);
			return "redirect:/admin/penalty-runs";
		}
		long runId = this.requests.start(businessDate, code, Caller.of(authentication).username());
		Notice.ok(redirect, "run.started", runId);
		return "redirect:/admin/penalty-runs";
	}

	@GetMapping("/admin/penalty-runs/{runId}")
	String summary(@PathVariable long runId, Model model) {
		model.addAttribute("run", this.runs.get(runId));
		model.addAttribute("finished", FINISHED);
		return "penalty/run";
	}

	@PostMapping("/admin/penalty-runs/{runId}/restart")
	String restart(@PathVariable long runId, Authentication authentication, RedirectAttributes redirect) {
		this.runs.get(runId);
		try {
			this.requests.restart(runId, Caller.of(authentication).username());
			Notice.ok(redirect, "run.restarted", runId);
		}
		catch (JobNotRestartable ex) {
			Notice.error(redirect, "run.error.restart", runId, ex.getMessage());
		}
		return "redirect:/admin/penalty-runs/" + runId;
	}

	/** One row of the runs table, for htmx to swap in. */
	@GetMapping("/admin/penalty-runs/{runId}/row")
	String row(@PathVariable long runId, Model model) {
		model.addAttribute("run", this.runs.get(runId));
		model.addAttribute("finished", FINISHED);
		return "penalty/run-fragments :: runRow";
	}

	/** The progress panel of the summary page, for htmx to swap in. */
	@GetMapping("/admin/penalty-runs/{runId}/progress")
	String progress(@PathVariable long runId, Model model) {
		model.addAttribute("run", this.runs.get(runId));
		model.addAttribute("finished", FINISHED);
		return "penalty/run-fragments :: runSummary";
	}

}
