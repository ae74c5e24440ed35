package io.liveguard.batch.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.ScoringEngine.HistoryWindow;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.Product;

/**
 * The sellers' price histories of a chunk of new sessions taken in order (a bulk import's
 * chunk, an NDJSON batch's): the stored sales read once for the chunk, one query per
 * seller over the union of its sessions' windows, and each session's history is those
 * plus the sales of the chunk's sessions before it, exactly as if the sessions had been
 * stored one by one in that order. Not thread safe: take the histories in order, then
 * score them on as many threads as wanted.
 */
public final class ChunkHistories {

	private static final Comparator<SellerHistory.PriorSale> HISTORY_ORDER = Comparator
		.comparing(SellerHistory.PriorSale::startedAt)
		.thenComparing(SellerHistory.PriorSale::sessionId)
		.thenComparing(SellerHistory.PriorSale::sku);

	private final Map<String, List<SellerHistory.PriorSale>> sales;

	private final Function<LiveSession, CompiledPack> packs;

	private ChunkHistories(Map<String, List<SellerHistory.PriorSale>> sales,
			Function<LiveSession, CompiledPack> packs) {
		this.sales = sales;
		this.packs = packs;
	}

	/**
	 * The stored sales the chunk's {@code sessions} need, each scored by the pack
	 * {@code packs} gives it.
	 */
	public static ChunkHistories read(SessionStore store, List<LiveSession> sessions,
			Function<LiveSession, CompiledPack> packs) {
		Map<String, HistoryWindow> windows = new HashMap<>();
		for (LiveSession session : sessions) {
			HistoryWindow window = ScoringEngine.historyWindow(packs.apply(session), session);
			if (!window.isEmpty()) {
				windows.merge(session.sellerId(), window,
						(a, b) -> new HistoryWindow(a.from().isBefore(b.from()) ? a.from() : b.from(),
								a.to().isAfter(b.to()) ? a.to() : b.to()));
			}
		}
		return new ChunkHistories(new HashMap<>(store.sales(windows)), packs);
	}

	/**
	 * The history {@code session} is scored with; then its own sales count for the
	 * seller's later sessions of the chunk, as they would once it is stored.
	 */
	public SellerHistory next(LiveSession session) {
		SellerHistory history = history(session, ScoringEngine.historyWindow(this.packs.apply(session), session));
		add(session);
		return history;
	}

	/** Counts {@code session}'s sales for the later sessions, without its history. */
	public void add(LiveSession session) {
		if (session.stats().orders() > 0) {
			List<SellerHistory.PriorSale> sellerSales = this.sales.computeIfAbsent(session.sellerId(),
					(seller) -> new ArrayList<>());
			for (Product product : session.products()) {
				sellerSales.add(new SellerHistory.PriorSale(session.sessionId(), session.startedAt(), product.sku(),
						product.livePrice()));
			}
		}
	}

	/** The history of {@code session} in {@code window}, without counting its sales. */
	public SellerHistory history(LiveSession session, HistoryWindow window) {
		List<SellerHistory.PriorSale> sellerSales = this.sales.get(session.sellerId());
		if (window.isEmpty() || sellerSales == null) {
			return SellerHistory.NONE;
		}
		List<SellerHistory.PriorSale> inWindow = new ArrayList<>();
		for (SellerHistory.PriorSale sale : sellerSales) {
			if (!sale.startedAt().isBefore(window.from()) && sale.startedAt().isBefore(window.to())) {
				inWindow.add(sale);
			}
		}
		inWindow.sort(HISTORY_ORDER);
		return inWindow.isEmpty() ? SellerHistory.NONE : new SellerHistory(inWindow);
	}

}
