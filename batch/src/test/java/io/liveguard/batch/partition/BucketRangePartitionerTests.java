package io.liveguard.batch.partition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BucketRangePartitionerTests {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3, 4, 7, 16, 255, 256 })
	void partitionsCoverEveryBucketExactlyOnce(int gridSize) {
		// when
		Map<String, ExecutionContext> partitions = new BucketRangePartitioner().partition(gridSize);

		// then
		assertThat(partitions).hasSize(gridSize);
		List<Integer> covered = new ArrayList<>();
		for (int i = 0; i < gridSize; i++) {
			ExecutionContext context = partitions.get("partition" + i);
			for (int bucket = context.getInt(BucketRangePartitioner.FROM); bucket < context
				.getInt(BucketRangePartitioner.TO); bucket++) {
				covered.add(bucket);
			}
		}
		assertThat(covered).hasSize(SellerBuckets.COUNT)
			.doesNotHaveDuplicates()
			.allMatch((b) -> b >= 0 && b < SellerBuckets.COUNT);
	}

	@Test
	void moreAskedPartitionsThanBucketsAreCappedAtTheBucketCount() {
		assertThat(new BucketRangePartitioner().partition(1000)).hasSize(SellerBuckets.COUNT);
		assertThatIllegalArgumentException().isThrownBy(() -> new BucketRangePartitioner().partition(0));
	}

	@Test
	void bucketsAreStableAndSpreadSellersEvenly() {
		// CRC-32 of the UTF-8 bytes: the same on every JVM and release, or restarts would
		// lose sellers
		assertThat(SellerBuckets.of("shop-fake")).isEqualTo((int) (crc("shop-fake") % SellerBuckets.COUNT));
		assertThat(SellerBuckets.of("cửa-hàng-1")).isBetween(0, SellerBuckets.COUNT - 1);
		int[] perHalf = new int[2];
		for (int i = 0; i < 100_000; i++) {
			perHalf[SellerBuckets.of("seller-" + i) * 2 / SellerBuckets.COUNT]++;
		}
		assertThat(perHalf[0]).isBetween(48_000, 52_000);
	}

	private static long crc(String text) {
		java.util.zip.CRC32 crc = new java.util.zip.CRC32();
		crc.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return crc.getValue();
	}

}
