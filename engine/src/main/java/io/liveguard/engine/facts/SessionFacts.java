package io.liveguard.engine.facts;

import java.util.ArrayList;
import java.util.List;

/** Every fact of one session, as handed to a rule pack. */
public record SessionFacts(SessionSummary summary, List<ListedProduct> products, List<Flag> flags,
		List<KeywordHit> keywordHits, List<StreamSample> streamSamples, List<PriorSale> priorSales) {

	/** All facts, summary first. */
	public List<Object> all() {
		List<Object> all = new ArrayList<>(
				1 + this.products.size() + this.flags.size() + this.keywordHits.size() + this.streamSamples.size()
						+ this.priorSales.size());
		all.add(this.summary);
		all.addAll(this.products);
		all.addAll(this.flags);
		all.addAll(this.keywordHits);
		all.addAll(this.streamSamples);
		all.addAll(this.priorSales);
		return all;
	}

}
