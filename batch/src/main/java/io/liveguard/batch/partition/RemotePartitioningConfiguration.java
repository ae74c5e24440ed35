package io.liveguard.batch.partition;

import java.io.IOException;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpTemplate;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

/**
 * Remote partitioning over RabbitMQ, with Spring Batch Integration and Spring Integration
 * AMQP. The manager sends one message per partition
 * ({@code "<step execution id> <worker step name>"}, plain text, so no Java serialization
 * crosses the wire) to a durable queue; it learns of the results by polling the shared
 * job repository. A worker takes one request at a time per consumer, acknowledges it as
 * it starts (a partition can run longer than RabbitMQ's delivery acknowledgement
 * timeout), and runs the named step bean on that step execution. A worker that dies
 * mid-partition loses no message that matters: its partition's step execution stays in
 * the repository, the manager marks it failed when it stops being updated
 * ({@link RemotePartitionHandler}), and the restart runs it again.
 */
final class RemotePartitioningConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(RemotePartitioningConfiguration.class);

	private RemotePartitioningConfiguration() {
	}

	static String encode(StepExecutionRequest request) {
		return request.getStepExecutionId() + " " + request.getStepName();
	}

	static StepExecutionRequest decode(String text) {
		int space = text.indexOf(' ');
		if (space < 1) {
			throw new IllegalArgumentException("Not a partition request: '" + text + "'");
		}
		return new StepExecutionRequest(text.substring(space + 1).strip(), Long.parseLong(text.substring(0, space)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	@ConditionalOnProperty(name = "liveguard.partitioning.mode", havingValue = "MANAGER")
	static class Manager {

		@Bean
		Queue partitionQueue(PartitioningProperties properties) {
			return new Queue(properties.queue(), true);
		}

		@Bean
		MessageChannel partitionRequests() {
			return new DirectChannel();
		}

		@Bean
		IntegrationFlow partitionRequestsToRabbit(PartitioningProperties properties, AmqpTemplate amqp,
				MessageChannel partitionRequests) {
			return IntegrationFlow.from(partitionRequests)
				.transform(StepExecutionRequest.class, RemotePartitioningConfiguration::encode)
				.handle(Amqp.outboundAdapter(amqp).routingKey(properties.queue()))
				.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableIntegration
	@ConditionalOnProperty(name = "liveguard.partitioning.mode", havingValue = "WORKER")
	static class Worker {

		@Bean
		Queue partitionQueue(PartitioningProperties properties) {
			return new Queue(properties.queue(), true);
		}

		@Bean
		StepExecutionRequestHandler stepExecutionRequestHandler(JobRepository jobRepository, BeanFactory beanFactory) {
			BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
			steps.setBeanFactory(beanFactory);
			StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
			handler.setJobRepository(jobRepository);
			handler.setStepLocator(steps);
			return handler;
		}

		@Bean
		IntegrationFlow partitionRequestsFromRabbit(PartitioningProperties properties, ConnectionFactory connections,
				StepExecutionRequestHandler handler) {
			return IntegrationFlow
				.from(Amqp.inboundAdapter(connections, properties.queue())
					.configureContainer((container) -> container.acknowledgeMode(AcknowledgeMode.MANUAL)
						.prefetchCount(1)
						.concurrentConsumers(properties.workerConsumers())))
				.handle((payload, headers) -> {
					StepExecutionRequest request = decode((payload instanceof byte[] bytes)
							? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : payload.toString());
					acknowledge(headers.get(AmqpHeaders.CHANNEL, Channel.class),
							headers.get(AmqpHeaders.DELIVERY_TAG, Long.class));
					logger.info("Running partition step execution {} of step {}", request.getStepExecutionId(),
							request.getStepName());
					handler.handle(request);
					return null;
				})
				.get();
		}

		private static void acknowledge(Channel channel, Long deliveryTag) {
			try {
				channel.basicAck(deliveryTag, false);
			}
			catch (IOException ex) {
				throw new IllegalStateException("Could not acknowledge a partition request", ex);
			}
		}

	}

}
