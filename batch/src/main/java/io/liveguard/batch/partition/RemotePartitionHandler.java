package io.liveguard.batch.partition;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Spring Batch's {@link MessageChannelPartitionHandler} (requests over a channel, results
 * read back from the shared job repository) plus a watch for lost workers: while the
 * manager waits, a partition whose step execution is still running but has not been
 * updated for {@code staleAfter} is marked FAILED, since its worker commits (and so
 * updates it) after every chunk. The manager then sees every partition ended, the step
 * and the run fail, and a restart runs the lost partition again from its last committed
 * chunk. Should the worker be alive after all, its next commit meets a newer version of
 * the step execution and fails, rolling back that chunk: no decision is stored twice (by
 * design of Spring Batch's optimistic locking; not covered by a test).
 */
class RemotePartitionHandler extends MessageChannelPartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(RemotePartitionHandler.class);

	private final JobRepository jobRepository;

	private final Duration staleAfter;

	RemotePartitionHandler(JobRepository jobRepository, Duration staleAfter) {
		this.jobRepository = jobRepository;
		this.staleAfter = staleAfter;
	}

	@Override
	protected Set<StepExecution> doHandle(StepExecution managerStepExecution,
			Set<StepExecution> partitionStepExecutions) throws Exception {
		ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "partition-watch-" + managerStepExecution.getId());
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(1, Math.min(this.staleAfter.toMillis() / 4, 5_000));
		watch.scheduleWithFixedDelay(() -> failStalePartitions(managerStepExecution), period, period,
				TimeUnit.MILLISECONDS);
		try {
			return super.doHandle(managerStepExecution, partitionStepExecutions);
		}
		finally {
			watch.shutdownNow();
		}
	}

	void failStalePartitions(StepExecution managerStepExecution) {
		try {
			JobExecution job = this.jobRepository.getJobExecution(managerStepExecution.getJobExecutionId());
			if (job == null) {
				return;
			}
			LocalDateTime now = LocalDateTime.now();
			for (StepExecution partition : job.getStepExecutions()) {
				if (partition.getId() == managerStepExecution.getId() || !partition.getStatus().isRunning()) {
					continue;
				}
				LocalDateTime seen = (partition.getLastUpdated() != null) ? partition.getLastUpdated()
						: partition.getStartTime();
				if (seen == null || Duration.between(seen, now).compareTo(this.staleAfter) < 0) {
					continue;
				}
				logger.warn(
						"Partition {} (step execution {}) has not been updated since {}: its worker is taken as lost",
						partition.getStepName(), partition.getId(), seen);
				partition.setStatus(BatchStatus.FAILED);
				partition.setExitStatus(ExitStatus.FAILED.addExitDescription("its worker was lost: no update for "
						+ this.staleAfter + " (last at " + seen + "); a restart runs it again"));
				partition.setEndTime(now);
				try {
					this.jobRepository.update(partition);
				}
				catch (OptimisticLockingFailureException ex) {
					// the worker committed meanwhile: it is alive
					logger.info("Partition {} moved on meanwhile; its worker is alive", partition.getStepName());
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the partitions of step execution {}", managerStepExecution.getId(), ex);
		}
	}

}
