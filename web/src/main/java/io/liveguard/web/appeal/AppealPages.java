package io.liveguard.web.appeal;

import java.time.ZoneOffset;
import java.util.Optional;

import io.liveguard.engine.scoring.Finding;
import io.liveguard.web.page.Notice;
import io.liveguard.web.session.SellerSessions;
import io.liveguard.web.user.Caller;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The appeal forms: a seller files an appeal from its own page, an analyst takes the
 * queue of open appeals and upholds or overturns each. Both go through {@link Appeals},
 * like the API, so the same window, one-appeal-per-finding and decision rules apply; what
 * they refuse comes back as a notice on the page.
 */
@Controller
class AppealPages {

	static final int QUEUE_LIMIT = 100;

	static final int DECIDED_LIMIT = 20;

	private final Appeals appeals;

	private final SellerSessions sessions;

	AppealPages(Appeals appeals, SellerSessions sessions) {
		this.appeals = appeals;
		this.sessions = sessions;
	}

	@PostMapping("/seller/appeals")
	String file(@RequestParam String sessionId, @RequestParam String code,
			@RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "0") int page,
			Authentication authentication, RedirectAttributes redirect) {
		String back = "redirect:/seller" + ((page > 0) ? "?page=" + page : "");
		if (reason.isBlank()) {
			Notice.error(redirect, "appeal.error.reasonBlank", code);
			return back;
		}
		try {
			this.appeals.file(sessionId, code, reason, Caller.of(authentication));
			Notice.ok(redirect, "appeal.filed", code, sessionId);
		}
		catch (AppealRefused ex) {
			Notice.error(redirect, errorKey(ex), code, sessionId, ex.detail());
		}
		return back;
	}

	@GetMapping("/analyst/appeals")
	String queue(Model model) {
		model.addAttribute("openCount", this.appeals.countOpen());
		model.addAttribute("open", this.appeals.oldestOpen(QUEUE_LIMIT).stream().map(this::withFinding).toList());
		model.addAttribute("decided",
				this.appeals.recentlyDecided(DECIDED_LIMIT).stream().map(this::withFinding).toList());
		// analysts work across markets: instants in UTC
		model.addAttribute("zone", ZoneOffset.UTC);
		return "appeal/queue";
	}

	@PostMapping("/analyst/appeals/{appealId}/decision")
	String decide(@PathVariable String appealId, @RequestParam Appeal.Status outcome,
			@RequestParam(required = false) @Nullable String note,
			@RequestParam(defaultValue = "false") boolean liftNow, Authentication authentication,
			RedirectAttributes redirect) {
		try {
			Appeals.Decision decision = this.appeals.decide(appealId, outcome,
					(note == null || note.isBlank()) ? null : note.strip(), liftNow, Caller.of(authentication));
			Appeal appeal = decision.appeal();
			Notice.ok(redirect, "appeal.decided." + appeal.status(), appeal.code(), appeal.sessionId(),
					decision.liftedPenalties().size());
		}
		catch (AppealRefused ex) {
			Notice.error(redirect, "appeal.error.decision", appealId, ex.detail());
		}
		return "redirect:/analyst/appeals";
	}

	private QueuedAppeal withFinding(Appeal appeal) {
		Optional<Finding> finding = this.sessions.scoreCard(appeal.sessionId())
			.flatMap((card) -> card.findings().stream().filter((f) -> f.code().equals(appeal.code())).findFirst());
		return new QueuedAppeal(appeal, finding.orElse(null));
	}

	private static String errorKey(AppealRefused ex) {
		return switch (ex.kind()) {
			case CONFLICT -> "appeal.error.conflict";
			case NOT_FOUND -> "appeal.error.notFound";
			default -> "appeal.error.invalid";
		};
	}

	/**
	 * An appeal with the finding it contests, as the session's current score card holds
	 * it.
	 */
	record QueuedAppeal(Appeal appeal, @Nullable Finding finding) {
	}

}
