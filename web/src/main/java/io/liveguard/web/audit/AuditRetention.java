package io.liveguard.web.audit;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes audit events older than {@code liveguard.audit.retention} (a year by default),
 * every night at {@code liveguard.audit.purge-cron}, so the log does not grow without
 * end. Every server node runs it (the delete is idempotent, so that costs nothing but a
 * second, empty delete); a command-line penalty run, which exits when its run is done,
 * schedules nothing.
 */
@Component
@ConditionalOnWebApplication
class AuditRetention {

	private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

	private final JdbcAuditEventRepository events;

	private final AuditProperties properties;

	private final Clock clock;

	AuditRetention(JdbcAuditEventRepository events, AuditProperties properties, Clock clock) {
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${liveguard.audit.purge-cron:0 15 3 * * *}")
	int purge() {
		Instant before = this.clock.instant().minus(this.properties.retention());
		int deleted = this.events.deleteBefore(before);
		if (deleted > 0) {
			log.info("Deleted {} audit events from before {}", deleted, before);
		}
		return deleted;
	}

}
