package io.liveguard.batch.partition;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the {@link SellerBuckets} into {@code gridSize} contiguous ranges, one partition
 * each, named {@code partition0}, {@code partition1}, ... Each partition's execution
 * context holds its range as {@link #FROM} (inclusive) and {@link #TO} (exclusive). A
 * grid size above {@link SellerBuckets#COUNT} is capped there.
 */
public class BucketRangePartitioner implements Partitioner {

	public static final String FROM = "bucket.from";

	public static final String TO = "bucket.to";

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		if (gridSize < 1) {
			throw new IllegalArgumentException("The partition count must be at least 1, not " + gridSize);
		}
		int partitions = Math.min(gridSize, SellerBuckets.COUNT);
		Map<String, ExecutionContext> contexts = new LinkedHashMap<>();
		for (int i = 0; i < partitions; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(FROM, i * SellerBuckets.COUNT / partitions);
			context.putInt(TO, (i + 1) * SellerBuckets.COUNT / partitions);
			contexts.put("partition" + i, context);
		}
		return contexts;
	}

}
