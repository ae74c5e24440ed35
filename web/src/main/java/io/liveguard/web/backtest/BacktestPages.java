package io.liveguard.web.backtest;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.liveguard.batch.backtest.BacktestReport;
import io.liveguard.batch.backtest.Backtests;
import io.liveguard.batch.job.InvalidJobRequest;
import io.liveguard.batch.job.JobInputNotFound;
import io.liveguard.web.page.Notice;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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
 * The back-test pages (ANALYST): start one from a version's editor, then follow it; once
 * complete, a chart of the findings gained and lost per day, the codes that change and
 * the sellers whose penalties would.
 */
@Controller
class BacktestPages {

	private final Backtests backtests;

	private final Clock clock;

	private final JsonMapper json;

	BacktestPages(Backtests backtests, Clock clock, JsonMapper json) {
		this.backtests = backtests;
		this.clock = clock;
		this.json = json;
	}

	@PostMapping("/analyst/rule-packs/{packId}/versions/{version}/backtest")
	String start(@PathVariable String packId, @PathVariable int version,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
			Authentication authentication, RedirectAttributes redirect) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		try {
			long id = this.backtests.start(packId, version, (from != null) ? from : today.minusDays(30),
					(to != null) ? to : today.minusDays(1), authentication.getName());
			return "redirect:/analyst/backtests/" + id;
		}
		catch (InvalidJobRequest | JobInputNotFound ex) {
			Notice.error(redirect, "admin.refused", ex.getMessage());
			return "redirect:/analyst/rule-packs/" + packId + "/versions/" + version;
		}
	}

	@GetMapping("/analyst/backtests/{id}")
	String report(@PathVariable long id, Model model) {
		BacktestReport report = this.backtests.get(id);
		model.addAttribute("report", report);
		// data for the chart script, as JSON in an attribute: the pages allow no inline
		// script
		model.addAttribute("chart", this.json.writeValueAsString(report.byDay()));
		model.addAttribute("finished", !"STARTED".equals(report.status()) && !"STARTING".equals(report.status())
				&& !"REQUESTED".equals(report.status()));
		return "backtest/report";
	}

}
