package io.liveguard.web.audit;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log page (ADMIN): the latest events, filtered by type and principal. */
@Controller
class AuditPages {

	static final int SHOWN = 200;

	private final JdbcAuditEventRepository events;

	AuditPages(JdbcAuditEventRepository events) {
		this.events = events;
	}

	@GetMapping("/admin/audit")
	String list(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String principal, Model model) {
		String wantedType = blankToNull(type);
		String wantedPrincipal = blankToNull(principal);
		model.addAttribute("events",
				this.events.search(new JdbcAuditEventRepository.Query(wantedPrincipal, wantedType, null, null, SHOWN)));
		model.addAttribute("type", wantedType);
		model.addAttribute("principal", wantedPrincipal);
		model.addAttribute("shown", SHOWN);
		return "admin/audit";
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
