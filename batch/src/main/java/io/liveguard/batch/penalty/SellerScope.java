package io.liveguard.batch.penalty;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which sellers a bulk read is for, as SQL to add to a query over a table with a {@code seller_id}
 * column: a list of ids (a seller's standing), or one chunk of a penalty run's partition. A chunk is
 * the partition's sellers with ids in [first, last] (its reader pages through them in id order), read
 * by joining the run's staging table on its primary key: both H2 and PostgreSQL then look each seller
 * up by index, where a long IN list makes H2 scan.
 *
 * @param join a join to add after the table, {@code %1$s} standing for the table's alias
 * @param where the condition, {@code %1$s} standing for the table's alias
 * @param params the named parameters of both
 */
record SellerScope(String join, String where, Map<String, Object> params) {

	static SellerScope of(Collection<String> sellerIds) {
		return new SellerScope("", "%1$s.seller_id in (:sellers)", Map.of("sellers", List.copyOf(sellerIds)));
	}

	static SellerScope runChunk(long runId, int fromBucket, int toBucket, String first, String last) {
		return new SellerScope(" join penalty_run_seller rs on rs.seller_id = %1$s.seller_id",
				"rs.run_id = :run and rs.seller_id between :first and :last and rs.bucket >= :fromBucket and rs.bucket < :toBucket",
				Map.of("run", runId, "first", first, "last", last, "fromBucket", fromBucket, "toBucket", toBucket));
	}

	/** The table with the scope's join: {@code from} {@code table(" finding f", "f")}. */
	String table(String table, String alias) {
		return table + this.join.formatted(alias);
	}

	String where(String alias) {
		return this.where.formatted(alias);
	}

}
