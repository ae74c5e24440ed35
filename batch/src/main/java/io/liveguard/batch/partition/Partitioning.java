package io.liveguard.batch.partition;

import io.liveguard.batch.JobFailures;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.RemoteStepExecutionAggregator;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.messaging.MessageChannel;

/**
 * Builds the manager steps of the partitioned jobs: a step that splits the seller buckets
 * into {@link PartitioningProperties#partitions()} ranges
 * ({@link BucketRangePartitioner}) and runs the given worker step once per range, on
 * local threads or, in {@code MANAGER} mode, on worker processes reached over RabbitMQ.
 * Worker step executions are named {@code <worker step>:partition<n>} and live in the job
 * repository either way, so a restart re-runs exactly the partitions that did not
 * complete, each from its last committed chunk.
 */
public class Partitioning {

	private final PartitioningProperties properties;

	private final JobRepository jobRepository;

	private final @Nullable MessageChannel requests;

	private final SimpleAsyncTaskExecutor localExecutor;

	public Partitioning(PartitioningProperties properties, JobRepository jobRepository,
			@Nullable MessageChannel requests) {
		if (properties.mode() == PartitioningProperties.Mode.MANAGER && requests == null) {
			throw new IllegalStateException("MANAGER mode needs the channel of partition requests");
		}
		this.properties = properties;
		this.jobRepository = jobRepository;
		this.requests = requests;
		this.localExecutor = new SimpleAsyncTaskExecutor("partition-");
		this.localExecutor.setConcurrencyLimit(properties.threads());
	}

	public PartitioningProperties properties() {
		return this.properties;
	}

	/** The manager step {@code name}, running {@code worker} once per bucket range. */
	public Step step(String name, Step worker) {
		return new StepBuilder(name, this.jobRepository).partitioner(worker.getName(), new BucketRangePartitioner())
			.partitionHandler(handler(worker))
			.aggregator(new RemoteStepExecutionAggregator(this.jobRepository))
			.listener(JobFailures.recorder())
			.build();
	}

	private PartitionHandler handler(Step worker) {
		if (this.properties.mode() != PartitioningProperties.Mode.MANAGER) {
			TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
			handler.setStep(worker);
			handler.setTaskExecutor(this.localExecutor);
			handler.setGridSize(this.properties.partitions());
			return handler;
		}
		MessagingTemplate template = new MessagingTemplate(this.requests);
		RemotePartitionHandler handler = new RemotePartitionHandler(this.jobRepository, this.properties.staleAfter());
		handler.setStepName(worker.getName());
		handler.setGridSize(this.properties.partitions());
		handler.setJobRepository(this.jobRepository);
		handler.setMessagingOperations(template);
		handler.setPollInterval(this.properties.pollInterval().toMillis());
		handler.setTimeout(this.properties.timeout().toMillis());
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not set up the remote partition handler", ex);
		}
		return handler;
	}

}
