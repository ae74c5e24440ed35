/**
 * Spreading the nightly work over threads and machines: sellers are split by a stable
 * hash of their id into buckets, and each partition of a job takes a range of buckets.
 * Locally the partitions run on a thread pool; with remote workers configured they travel
 * over RabbitMQ to worker processes of the same application, which share the job
 * repository.
 */
@NullMarked
package io.liveguard.batch.partition;

import org.jspecify.annotations.NullMarked;
