package io.liveguard.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.live.Action;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveDecider;
import io.liveguard.engine.live.Lives;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.live.SignalBatch;
import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.ReportCode;
import io.liveguard.engine.session.Signal;

/**
 * A live for rule tests: a go-live request of one general product (verified host, market
 * VN, start {@link #START}), and signals sent one request each, numbered from 1, at
 * offsets from the start. Open a {@link LiveDecider} with {@link #open()} in
 * try-with-resources and send with {@link #send}.
 */
final class LiveScript {

	static final Instant START = Instant.parse("2026-12-03T12:00:00Z");

	static final String LIVE_ID = "vn-live-test-1";

	static final String SKU = "rice-st25";

	private static final Lives LIVES = new Lives(DefaultPack.pack());

	private final List<Product> products = new ArrayList<>(List.of(product(SKU, ProductCategory.GENERAL)));

	private boolean hostVerified = true;

	private long seq;

	static LiveScript live() {
		return new LiveScript();
	}

	static Lives lives() {
		return LIVES;
	}

	static Product product(String sku, ProductCategory category) {
		return new Product(sku, category, category == ProductCategory.GENERAL ? null : "QC-1", "VN", "VN", 100_000,
				90_000);
	}

	LiveScript products(Product... products) {
		this.products.clear();
		this.products.addAll(List.of(products));
		return this;
	}

	LiveScript unverifiedHost() {
		this.hostVerified = false;
		return this;
	}

	GoLive request() {
		return new GoLive(LIVE_ID, "shop-test", "VN", START, new Host("kol-1", this.hostVerified), this.products);
	}

	GoLiveAnswer check() {
		return LIVES.check(request(), List.of());
	}

	LiveDecider open() {
		GoLive request = request();
		return LIVES.open(request, LIVES.check(request, List.of()));
	}

	/** One request with the given signals, numbered on from the last. */
	SignalBatch send(LiveDecider live, Signal... signals) {
		return send(live, null, signals);
	}

	SignalBatch send(LiveDecider live, Long viewers, Signal... signals) {
		List<SequencedSignal> sequenced = new ArrayList<>();
		for (Signal signal : signals) {
			sequenced.add(new SequencedSignal(++this.seq, signal));
		}
		return live.decide(sequenced, viewers, Instant.EPOCH);
	}

	/** Sends each signal as a request of its own and collects every action. */
	List<Action> sendEach(LiveDecider live, Signal... signals) {
		List<Action> actions = new ArrayList<>();
		for (Signal signal : signals) {
			actions.addAll(send(live, signal).actions());
		}
		return actions;
	}

	static Instant at(Duration offset) {
		return START.plus(offset);
	}

	static Instant min(double minutes) {
		return START.plusMillis((long) (minutes * 60_000));
	}

	static Signal flag(Instant at, ModerationCode code) {
		return new Signal.ModerationFlag(at, code, 0.9);
	}

	static Signal flag(Instant at, ModerationCode code, double confidence) {
		return new Signal.ModerationFlag(at, code, confidence);
	}

	static Signal say(Instant at, String text) {
		return new Signal.Transcript(at, text);
	}

	static Signal report(Instant at) {
		return new Signal.ViewerReport(at, ReportCode.OFFENSIVE);
	}

	static Signal quality(Instant at, int resolutionP) {
		return new Signal.StreamQuality(at, resolutionP, 0);
	}

	static Signal shown(Instant at, String sku) {
		return new Signal.ProductShown(at, sku);
	}

	static Signal absent(Instant at, long seconds) {
		return new Signal.HostAbsent(at, seconds);
	}

	static Signal deadAir(Instant at, long seconds) {
		return new Signal.DeadAir(at, seconds);
	}

}
