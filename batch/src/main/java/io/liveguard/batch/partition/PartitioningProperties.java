package io.liveguard.batch.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the partitioned jobs (the penalty run, re-scoring) spread their work.
 *
 * @param mode {@code LOCAL}: partitions run on this process's threads; {@code MANAGER}:
 * partition requests go to the RabbitMQ queue and this process waits for the workers,
 * polling the shared job repository; {@code WORKER}: this process takes partition
 * requests from the queue and runs them (it can still run whole jobs locally when asked)
 * @param partitions partitions per job run (each takes a range of the 256 seller buckets)
 * @param threads partitions run at once in {@code LOCAL} mode
 * @param queue the RabbitMQ queue of partition requests
 * @param workerConsumers partitions one worker runs at once
 * @param pollInterval how often the manager reads the job repository for finished
 * partitions
 * @param staleAfter a partition whose step execution has not been updated for this long
 * (a worker updates it at every chunk commit) is taken as lost with its worker and marked
 * failed, so the run fails and its restart runs that partition again from its last
 * committed chunk
 * @param timeout the longest the manager waits for all partitions
 */
@ConfigurationProperties("liveguard.partitioning")
public record PartitioningProperties(@DefaultValue("LOCAL") Mode mode, @DefaultValue("4") int partitions,
		@DefaultValue("2") int threads, @DefaultValue("liveguard.partitions") String queue,
		@DefaultValue("1") int workerConsumers, @DefaultValue("PT1S") Duration pollInterval,
		@DefaultValue("PT10M") Duration staleAfter, @DefaultValue("PT12H") Duration timeout) {

	public PartitioningProperties {
		if (partitions < 1 || partitions > SellerBuckets.COUNT) {
			throw new IllegalArgumentException("liveguard.partitioning.partitions must be between 1 and "
					+ SellerBuckets.COUNT + ", not " + partitions);
		}
		if (threads < 1 || workerConsumers < 1) {
			throw new IllegalArgumentException(
					"liveguard.partitioning.threads and worker-consumers must be at least 1");
		}
	}

	/** The defaults: four partitions on two local threads. */
	public static PartitioningProperties local() {
		return new PartitioningProperties(Mode.LOCAL, 4, 2, "liveguard.partitions", 1, Duration.ofSeconds(1),
				Duration.ofMinutes(10), Duration.ofHours(12));
	}

	public enum Mode {

		LOCAL, MANAGER, WORKER

	}

}
