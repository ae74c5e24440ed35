package io.liveguard.batch.partition;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.messaging.MessageChannel;

/**
 * The partitioning of the nightly jobs: local threads by default, RabbitMQ workers when
 * configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartitioningProperties.class)
@Import({ RemotePartitioningConfiguration.Manager.class, RemotePartitioningConfiguration.Worker.class })
public class PartitioningConfiguration {

	@Bean
	Partitioning partitioning(PartitioningProperties properties, JobRepository jobRepository,
			ObjectProvider<MessageChannel> partitionRequests) {
		return new Partitioning(properties, jobRepository,
				(properties.mode() == PartitioningProperties.Mode.MANAGER) ? partitionRequests.getObject() : null);
	}

}
