package io.liveguard.batch;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.core.NestedExceptionUtils;

/**
 * Why a job failed, as a person can read it. The job repository keeps no exceptions and
 * cuts each step's exit description (a stack trace) short, so a step registers
 * {@link #recorder()}, which keeps the exception and its root cause in the step's
 * execution context when the step fails.
 */
public final class JobFailures {

	/** The step execution context key of the recorded failure. */
	public static final String KEY = "liveguard.failure";

	private static final int MAX_LENGTH = 1000;

	private JobFailures() {
	}

	/** A step listener that records the step's first failure and its root cause. */
	public static StepExecutionListener recorder() {
		return new StepExecutionListener() {

			@Override
			public @Nullable ExitStatus afterStep(StepExecution step) {
				step.getFailureExceptions().stream().findFirst().ifPresent((failure) -> {
					Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
					String text = failure.getClass().getSimpleName() + ": " + failure.getMessage() + ((root != failure)
							? " (caused by: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
					step.getExecutionContext()
						.putString(KEY, (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) + "..." : text);
				});
				return null;
			}

		};
	}

	/**
	 * The failure of the first unsuccessful step: "step: exception (caused by: root
	 * cause)", or null. A failed partition ({@code step:partition<n>}) comes before its
	 * manager step, which only says that a partition failed.
	 */
	public static @Nullable String of(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStatus().isUnsuccessful())
			.sorted(Comparator.comparing((StepExecution step) -> !step.getStepName().contains(":"))
				.thenComparingLong(StepExecution::getId))
			.map(JobFailures::describe)
			.findFirst()
			.orElse(null);
	}

	private static String describe(StepExecution step) {
		if (step.getExecutionContext().containsKey(KEY)) {
			return step.getStepName() + ": " + step.getExecutionContext().getString(KEY);
		}
		List<String> lines = step.getExitStatus().getExitDescription().lines().map(String::strip).toList();
		String first = lines.isEmpty() ? step.getExitStatus().getExitCode() : lines.get(0);
		String cause = null;
		for (String line : lines) {
			if (line.startsWith("Caused by: ")) {
				cause = line.substring("Caused by: ".length());
			}
		}
		String text = step.getStepName() + ": " + first + ((cause == null) ? "" : " (caused by: " + cause + ")");
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH) + "..." : text;
	}

}
