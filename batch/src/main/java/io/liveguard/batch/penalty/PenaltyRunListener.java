package io.liveguard.batch.penalty;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.liveguard.batch.webhook.WebhookOutbox;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Reloads this node's eligibility index when a run ends: partitions that ran on remote
 * workers refreshed only the workers' own indexes. Reports the run's duration to the
 * {@link PenaltyMeters}. While the run runs, it is a bulk writer of the
 * {@link WebhookOutbox} on this node (as each partition is where it runs), so the node's
 * dispatcher leaves it the cores until its very end, the reload included. (The run's row
 * is linked to its execution by the background jobs' own listener.)
 */
class PenaltyRunListener implements JobExecutionListener {

	private final EligibilityIndex eligibility;

	private final PenaltyMeters meters;

	private final WebhookOutbox outbox;

	private final Map<Long, WebhookOutbox.Bulk> bulks = new ConcurrentHashMap<>();

	PenaltyRunListener(EligibilityIndex eligibility, PenaltyMeters meters, WebhookOutbox outbox) {
		this.eligibility = eligibility;
		this.meters = meters;
		this.outbox = outbox;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.bulks.put(jobExecution.getId(), this.outbox.bulk());
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		LocalDateTime start = jobExecution.getStartTime();
		if (start != null) {
			String market = jobExecution.getJobParameters().getString(PenaltyRuns.MARKET, PenaltyRuns.ALL_MARKETS);
			// the end time is set after the listeners ran
			this.meters.run(market, jobExecution.getStatus().name(), start, LocalDateTime.now());
		}
		try {
			this.eligibility.reload();
		}
		finally {
			WebhookOutbox.Bulk bulk = this.bulks.remove(jobExecution.getId());
			if (bulk != null) {
				bulk.close();
			}
		}
	}

}
