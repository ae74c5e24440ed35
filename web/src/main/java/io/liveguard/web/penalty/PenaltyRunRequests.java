package io.liveguard.web.penalty;

import java.time.LocalDate;
import java.util.Map;

import io.liveguard.batch.penalty.PenaltyRuns;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Penalty runs people start, from the API or the admin page: the run starts in the
 * background and the request is a {@code PENALTY_RUN_STARTED} audit event under the
 * person's name (a restart of a failed run, {@code PENALTY_RUN_RESTARTED}). (Scheduled
 * and command-line runs carry their origin in the run's {@code requestedBy}.)
 */
@Service
class PenaltyRunRequests {

	static final String PENALTY_RUN_STARTED = "PENALTY_RUN_STARTED";

	static final String PENALTY_RUN_RESTARTED = "PENALTY_RUN_RESTARTED";

	private final PenaltyRuns runs;

	private final ApplicationEventPublisher events;

	PenaltyRunRequests(PenaltyRuns runs, ApplicationEventPublisher events) {
		this.runs = runs;
		this.events = events;
	}

	long start(LocalDate businessDate, @Nullable String market, String by) {
		long runId = this.runs.start(businessDate, market, by);
		this.events.publishEvent(new AuditApplicationEvent(by, PENALTY_RUN_STARTED, Map.of("runId", runId,
				"businessDate", businessDate.toString(), "market", (market == null) ? "ALL" : market)));
		return runId;
	}

	/**
	 * Restarts a failed or stopped run in the background; see
	 * {@link PenaltyRuns#restartInBackground}.
	 * @throws io.liveguard.batch.job.JobNotFound when there is no such run
	 * @throws io.liveguard.batch.job.JobNotRestartable when it is not FAILED or STOPPED
	 */
	void restart(long runId, String by) {
		this.runs.restartInBackground(runId);
		this.events.publishEvent(new AuditApplicationEvent(by, PENALTY_RUN_RESTARTED, Map.of("runId", runId)));
	}

}
