package io.liveguard.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.ReportCode;
import io.liveguard.engine.session.SessionStats;
import io.liveguard.engine.session.SessionValidator;
import io.liveguard.engine.session.Signal;

/**
 * Builds sessions for rule tests. {@link #clean()} is a 60-minute session the default
 * pack finds nothing in: a verified host, half of 100 comments answered, one general
 * product shown, a neutral transcript and a 720p stream without buffering. Each method
 * adds one thing; signals are placed one after another from minute 1, 20 seconds apart,
 * unless {@link #at(Duration)} says otherwise. {@link #build()} validates the session as
 * the codec would.
 */
final class Sessions {

	static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

	/** The product of the clean session. */
	static final String SKU = "rice-st25";

	private static final SessionValidator VALIDATOR = new SessionValidator();

	private final String sessionId = "s-test-1";

	private final Instant startedAt;

	private Duration length = Duration.ofMinutes(60);

	private boolean hostVerified = true;

	private int peakViewers = 1000;

	private int comments = 100;

	private int commentsAnswered = 50;

	private int viewerReports = 0;

	private final List<Product> products = new ArrayList<>();

	private final List<Signal> signals = new ArrayList<>();

	private Instant cursor;

	private Sessions(Instant startedAt) {
		this.startedAt = startedAt;
		this.cursor = startedAt.plus(Duration.ofMinutes(1));
	}

	/** The clean 60-minute baseline. */
	static Sessions clean() {
		return startingAt(START);
	}

	/**
	 * The clean baseline, starting at another instant (fractions of a second included).
	 */
	static Sessions startingAt(Instant startedAt) {
		return new Sessions(startedAt).product(product(SKU, ProductCategory.GENERAL))
			.shown(SKU)
			.transcript("Xin chào cả nhà, hôm nay shop giới thiệu gạo ngon")
			.stream(720, 0);
	}

	/**
	 * A general product from Vietnam, verified, listed at 100 000 and sold live at 90
	 * 000.
	 */
	static Product product(String sku, ProductCategory category) {
		return new Product(sku, category, null, "VN", "VN", 100_000, 90_000);
	}

	static Product confirmed(String sku, ProductCategory category) {
		return new Product(sku, category, "QC-" + sku, "VN", "VN", 100_000, 90_000);
	}

	static Product priced(String sku, long listPrice, long livePrice) {
		return new Product(sku, ProductCategory.GENERAL, null, "VN", "VN", listPrice, livePrice);
	}

	static Product origins(String sku, String declaredOrigin, String verifiedOrigin) {
		return new Product(sku, ProductCategory.GENERAL, null, declaredOrigin, verifiedOrigin, 100_000, 90_000);
	}

	Sessions lasting(Duration length) {
		this.length = length;
		return this;
	}

	Sessions unverifiedHost() {
		this.hostVerified = false;
		return this;
	}

	Sessions comments(int comments, int answered) {
		this.comments = comments;
		this.commentsAnswered = answered;
		return this;
	}

	Sessions viewerReports(int reports, int peakViewers) {
		this.viewerReports = reports;
		this.peakViewers = peakViewers;
		return this;
	}

	/** Lists a product; it is not shown unless {@link #shown(String)} says so. */
	Sessions product(Product product) {
		this.products.add(product);
		return this;
	}

	/** Lists a product and shows it. */
	Sessions productShown(Product product) {
		return product(product).shown(product.sku());
	}

	/** Removes every listed product and every PRODUCT_SHOWN signal. */
	Sessions withoutProducts() {
		this.products.clear();
		this.signals.removeIf((signal) -> signal instanceof Signal.ProductShown);
		return this;
	}

	/** Places the next signals from {@code offset} after the start. */
	Sessions at(Duration offset) {
		this.cursor = this.startedAt.plus(offset);
		return this;
	}

	Sessions shown(String sku) {
		return signal(new Signal.ProductShown(next(), sku));
	}

	Sessions transcript(String text) {
		return signal(new Signal.Transcript(next(), text));
	}

	Sessions flag(ModerationCode code, double confidence) {
		return signal(new Signal.ModerationFlag(next(), code, confidence));
	}

	Sessions hostAbsent(long seconds) {
		return signal(new Signal.HostAbsent(next(), seconds));
	}

	Sessions deadAir(long seconds) {
		return signal(new Signal.DeadAir(next(), seconds));
	}

	Sessions stream(int resolutionP, long stallSec) {
		return signal(new Signal.StreamQuality(next(), resolutionP, stallSec));
	}

	Sessions viewerReport(ReportCode code) {
		return signal(new Signal.ViewerReport(next(), code));
	}

	LiveSession build() {
		LiveSession session = new LiveSession(
				this.sessionId, "shop-test", "VN", this.startedAt, this.startedAt.plus(this.length),
				new Host("host-1", this.hostVerified), new SessionStats(this.peakViewers,
						Math.min(this.peakViewers, 300), this.comments, this.commentsAnswered, 10, this.viewerReports),
				this.products, this.signals);
		return VALIDATOR.validate(session);
	}

	private Sessions signal(Signal signal) {
		this.signals.add(signal);
		return this;
	}

	private Instant next() {
		Instant at = this.cursor;
		this.cursor = this.cursor.plusSeconds(20);
		return at;
	}

}
