package io.liveguard.engine.facts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.liveguard.engine.scoring.Evidence;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.Signal;
import io.liveguard.engine.text.KeywordMatcher;

/**
 * Condenses a session into the compact facts rules reason over: one summary with totals
 * and shares (and the stream samples), one fact per product (with the seller's prior
 * sales of it) and per flag, and one keyword hit per transcript segment and keyword list.
 * Thread safe.
 */
public final class FactExtractor {

	private static final Comparator<Signal> BY_TIME = Comparator.comparing(Signal::at);

	private final KeywordMatcher keywords;

	public FactExtractor(KeywordMatcher keywords) {
		this.keywords = keywords;
	}

	public SessionFacts extract(LiveSession session, SellerHistory history) {
		List<Signal> signals = new ArrayList<>(session.signals());
		signals.sort(BY_TIME);
		Map<String, Product> listed = new HashMap<>();
		for (Product product : session.products()) {
			listed.put(product.sku(), product);
		}
		long hostAbsent = 0;
		long deadAir = 0;
		long stall = 0;
		int productsShown = 0;
		List<Evidence> hostAbsentEvidence = new ArrayList<>(0);
		List<Evidence> deadAirEvidence = new ArrayList<>(0);
		List<Evidence> stallEvidence = new ArrayList<>(0);
		List<Evidence> reportEvidence = new ArrayList<>(0);
		List<Evidence> shownEvidence = new ArrayList<>(0);
		Map<String, List<Evidence>> shownBySku = new HashMap<>();
		List<Flag> flags = new ArrayList<>(0);
		List<KeywordHit> hits = new ArrayList<>(0);
		List<StreamSample> samples = new ArrayList<>(0);
		for (Signal signal : signals) {
			if (signal instanceof Signal.HostAbsent absent) {
				hostAbsent += absent.durationSec();
				hostAbsentEvidence.add(evidence(signal, "host off camera for " + absent.durationSec() + " s"));
			}
			else if (signal instanceof Signal.DeadAir silence) {
				deadAir += silence.durationSec();
				deadAirEvidence.add(evidence(signal, "no speech for " + silence.durationSec() + " s"));
			}
			else if (signal instanceof Signal.StreamQuality quality) {
				stall += quality.stallSec();
				Evidence evidence = evidence(signal,
						quality.resolutionP() + "p, " + quality.stallSec() + " s buffering");
				if (quality.stallSec() > 0) {
					stallEvidence.add(evidence);
				}
				samples.add(new StreamSample(quality.resolutionP(), quality.stallSec(), evidence));
			}
			else if (signal instanceof Signal.ProductShown shown) {
				Evidence evidence = evidence(signal, shown.sku() + " shown on camera");
				if (listed.containsKey(shown.sku())) {
					productsShown++;
					shownEvidence.add(evidence);
					shownBySku.computeIfAbsent(shown.sku(), (sku) -> new ArrayList<>(1)).add(evidence);
				}
			}
			else if (signal instanceof Signal.ViewerReport report) {
				reportEvidence.add(evidence(signal, "viewer reported " + report.code()));
			}
			else if (signal instanceof Signal.ModerationFlag flag) {
				flags.add(new Flag(flag.code(), flag.confidence(),
						evidence(signal, flag.code() + ", confidence " + flag.confidence())));
			}
			else if (signal instanceof Signal.Transcript transcript) {
				Map<String, Set<String>> matched = this.keywords.match(transcript.text());
				matched.forEach((list, phrases) -> hits.add(new KeywordHit(list, phrases, evidence(signal,
						"\"" + transcript.text() + "\" (" + list + ": " + String.join(", ", phrases) + ")"))));
			}
		}
		List<PriorSale> priorSales = new ArrayList<>(0);
		Map<String, List<PriorSale>> salesBySku = new HashMap<>();
		for (SellerHistory.PriorSale sale : history.priorSales()) {
			if (listed.containsKey(sale.sku())) {
				PriorSale prior = new PriorSale(sale.sku(), sale.livePrice(), sale.sessionId(),
						new Evidence(sale.startedAt(), "PRIOR_SESSION",
								"sold " + sale.sku() + " at " + sale.livePrice() + " in session " + sale.sessionId()));
				priorSales.add(prior);
				salesBySku.computeIfAbsent(sale.sku(), (sku) -> new ArrayList<>()).add(prior);
			}
		}
		List<ListedProduct> products = new ArrayList<>(session.products().size());
		for (Product product : session.products()) {
			products.add(new ListedProduct(product.sku(), product.category(), product.adConfirmationId(),
					product.declaredOrigin(), product.verifiedOrigin(), product.listPrice(), product.livePrice(),
					shownBySku.getOrDefault(product.sku(), List.of()),
					new Evidence(session.startedAt(), "PRODUCT", describe(product)),
					salesBySku.getOrDefault(product.sku(), List.of())));
		}
		SessionSummary summary = new SessionSummary(session.sessionId(), session.sellerId(), session.market(),
				session.startedAt(), session.endedAt(), session.host().hostId(), session.host().identityVerified(),
				session.stats().peakViewers(), session.stats().comments(), session.stats().commentsAnswered(),
				session.stats().viewerReports(), hostAbsent, deadAir, stall, productsShown, hostAbsentEvidence,
				deadAirEvidence, stallEvidence, reportEvidence, shownEvidence, samples);
		return new SessionFacts(summary, products, flags, hits, samples, priorSales);
	}

	private static Evidence evidence(Signal signal, String detail) {
		return new Evidence(signal.at(), signal.type(), detail);
	}

	private static String describe(Product product) {
		return product.sku() + " (" + product.category() + "), ad confirmation "
				+ (product.adConfirmationId() == null ? "none" : product.adConfirmationId()) + ", declared origin "
				+ product.declaredOrigin() + ", verified origin "
				+ (product.verifiedOrigin() == null ? "unknown" : product.verifiedOrigin()) + ", list price "
				+ product.listPrice() + ", live price " + product.livePrice();
	}

}
