package io.liveguard.batch.penalty;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Which sellers a bulk read is for, as SQL to add to a query over a table with a
 * {@code seller_id} column: their ids as an IN list, and the range from the lowest to the
 * highest. The range is redundant for the result but not for H2: given only the IN list
 * next to a condition on another column of the same index (a business date), H2 plans a
 * scan of that whole index; with the range it looks the sellers up. PostgreSQL looks them
 * up either way.
 *
 * @param join a join to add after the table, {@code %1$s} standing for the table's alias
 * @param where the condition, {@code %1$s} standing for the table's alias
 * @param params the named parameters of both
 */
record SellerScope(String join, String where, Map<String, Object> params) {

	static SellerScope of(Collection<String> sellerIds) {
		List<String> ids = List.copyOf(sellerIds);
		String first = ids.stream().min(String::compareTo).orElseThrow();
		String last = ids.stream().max(String::compareTo).orElseThrow();
		return new SellerScope("", "%1$s.seller_id in (:sellers) and %1$s.seller_id between :first and :last",
				Map.of("sellers", ids, "first", first, "last", last));
	}

	/** The table with the scope's join: {@code from} {@code table(" finding f", "f")}. */
	String table(String table, String alias) {
		return table + this.join.formatted(alias);
	}

	String where(String alias) {
		return this.where.formatted(alias);
	}

}
