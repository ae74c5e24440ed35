package io.liveguard.engine.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Every fact of one session, as handed to a rule pack. Stream samples and prior sales are
 * also reachable from the summary and from each product, and only those are how rules see
 * them: they are many per session and few rules look at them.
 */
public record SessionFacts(SessionSummary summary, List<ListedProduct> products, List<Flag> flags,
		List<KeywordHit> keywordHits, List<StreamSample> streamSamples, List<PriorSale> priorSales) {

	/**
	 * The facts inserted into a rule session, summary first: the summary, products, flags
	 * and keyword hits. Stream samples and prior sales are not inserted; rules reach them
	 * with {@code from}.
	 */
	public List<Object> all() {
		List<Object> all = new ArrayList<>(1 + this.products.size() + this.flags.size() + this.keywordHits.size());
		all.add(this.summary);
		all.addAll(this.products);
		all.addAll(this.flags);
		all.addAll(this.keywordHits);
		return all;
	}

}
