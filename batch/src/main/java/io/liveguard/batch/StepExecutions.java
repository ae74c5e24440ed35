package io.liveguard.batch;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** Reading a run's steps back across restarts. */
public final class StepExecutions {

	private StepExecutions() {
	}

	/**
	 * The latest execution of every step of {@code execution}'s job instance, by step
	 * name. A restart runs only the steps and partitions that did not complete, so the
	 * others are found in earlier executions of the same instance.
	 */
	public static Map<String, StepExecution> latest(JobRepository repository, JobExecution execution) {
		Map<String, StepExecution> latest = new LinkedHashMap<>();
		repository.getJobExecutions(execution.getJobInstance())
			.stream()
			.flatMap((job) -> job.getStepExecutions().stream())
			.sorted(Comparator.comparingLong(StepExecution::getId))
			.forEach((step) -> latest.put(step.getStepName(), step));
		return latest;
	}

}
