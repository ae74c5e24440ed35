package io.liveguard.web.audit;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first (ADMIN). */
@RestController
@RequestMapping("/api/v1/audit-events")
@Tag(name = "Audit log", description = "Security events and users' decisions (ADMIN)")
class AuditController {

	private final JdbcAuditEventRepository events;

	AuditController(JdbcAuditEventRepository events) {
		this.events = events;
	}

	@GetMapping
	@Operation(summary = "Audit events, newest first, filtered by principal, type and time; at most 1000")
	List<JdbcAuditEventRepository.Entry> search(@RequestParam(required = false) @Nullable String principal,
			@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant after,
			@RequestParam(required = false) @DateTimeFormat(
					iso = DateTimeFormat.ISO.DATE_TIME) @Nullable Instant before,
			@RequestParam(defaultValue = "100") int limit) {
		return this.events.search(new JdbcAuditEventRepository.Query(principal, type, after, before, limit));
	}

}
