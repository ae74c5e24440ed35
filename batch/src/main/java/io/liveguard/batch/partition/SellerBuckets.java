package io.liveguard.batch.partition;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The bucket of a seller: CRC-32 of its id's UTF-8 bytes, modulo {@link #COUNT}. Stable
 * across JVMs, machines and releases (partitions are stored with a run, and a restart
 * must find the same sellers in the same partition), and spread evenly enough for any
 * partition count up to {@link #COUNT}.
 */
public final class SellerBuckets {

	/** How many buckets there are; also the largest useful partition count. */
	public static final int COUNT = 256;

	private SellerBuckets() {
	}

	public static int of(String sellerId) {
		CRC32 crc = new CRC32();
		crc.update(sellerId.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % COUNT);
	}

}
