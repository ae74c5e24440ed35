package io.liveguard.engine.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import io.liveguard.engine.generator.Catalogue.Item;
import io.liveguard.engine.generator.Catalogue.Seller;
import io.liveguard.engine.generator.Catalogue.Template;
import io.liveguard.engine.generator.Phrases.Bank;
import io.liveguard.engine.generator.Phrases.Language;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.scoring.SellerHistory.PriorSale;
import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.ReportCode;
import io.liveguard.engine.session.SessionStats;
import io.liveguard.engine.session.Signal;
import org.jspecify.annotations.Nullable;

/**
 * Builds one session: a clean baseline, then the quality problems of a sloppy session or
 * the set-ups of violations, then signals from the draft's totals. Thresholds are those
 * of policy-default.md; clean and sloppy sessions stay on the safe side of every
 * violation, and some land exactly on a threshold (15 minutes, 10% host absence, 20%
 * answered, 480p, confidence 0.79) where "over" and "under" are strict.
 */
final class SessionFactory {

	/** Quality problems a sloppy session may have, as policy section 1 names them. */
	static final List<String> QUALITY_ISSUES = List.of("SHORT_SESSION", "HOST_ABSENT", "DEAD_AIR", "LOW_INTERACTION",
			"PRODUCT_NOT_SHOWN", "POOR_STREAM");

	/** Every violation code of policy section 2. */
	static final List<String> VIOLATIONS = List.of("LOW_QUALITY_SESSION", "VIEWER_COMPLAINTS", "VULGAR_CONTENT",
			"NO_LIVE_HOST", "OFF_PLATFORM_REDIRECT", "FAKE_DISCOUNT", "UNVERIFIED_HOST", "MISSING_AD_CONFIRMATION",
			"MISLEADING_HEALTH_CLAIM", "FALSE_ORIGIN", "FAKE_ENGAGEMENT", "DANGEROUS_ACT", "PROHIBITED_PRODUCT",
			"MINOR_ALONE");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd")
		.withZone(ZoneOffset.ofHours(7));

	private static final Duration DAY_LENGTH = Duration.ofDays(1);

	private final int historyDays;

	SessionFactory(int historyDays) {
		this.historyDays = historyDays;
	}

	/**
	 * @param recent the seller's sales (sessions with orders) that started before
	 * {@code start}, oldest first, at least those of the history window
	 */
	GeneratedSession create(SplittableRandom rng, long index, Instant start, Seller seller, Profile profile,
			List<PriorSale> recent) {
		Draft draft = new Draft(rng, seller, String.format(Locale.ROOT, "%s-%s-%07d",
				seller.market().toLowerCase(Locale.ROOT), DAY.format(start), index), start);
		List<PriorSale> window = window(recent, start);
		Set<String> issues = new TreeSet<>();
		Set<String> violations = new TreeSet<>();
		if (profile == Profile.SLOPPY) {
			issues.addAll(pickSome(rng, QUALITY_ISSUES, rng.nextInt(10) < 7 ? 1 : 2));
		}
		else if (profile == Profile.VIOLATING) {
			int howMany = rng.nextInt(20) < 15 ? 1 : (rng.nextInt(4) < 3 ? 2 : 3);
			violations.addAll(pickSome(rng, VIOLATIONS, howMany));
			if (violations.contains("FAKE_DISCOUNT") && relistable(window, seller).isEmpty()) {
				violations.remove("FAKE_DISCOUNT");
				violations.add(replacementFor(rng, violations));
			}
		}
		draft.baseline(issues.contains("SHORT_SESSION") || violations.contains("LOW_QUALITY_SESSION"),
				profile == Profile.CLEAN ? 10 : (profile == Profile.SLOPPY ? 30 : 5));
		for (String issue : issues) {
			draft.plantQuality(issue);
		}
		for (String violation : violations) {
			draft.plantViolation(violation, window);
		}
		if (profile == Profile.CLEAN && rng.nextInt(100) < 3) {
			draft.steepDiscountWithoutHistory(window);
		}
		return draft.build(window, issues, violations, profile);
	}

	/** The sales of the history window {@code [start - historyDays, start)}. */
	List<PriorSale> window(List<PriorSale> recent, Instant start) {
		Instant from = start.minus(Duration.ofDays(this.historyDays));
		List<PriorSale> window = new ArrayList<>();
		for (PriorSale sale : recent) {
			if (!sale.startedAt().isBefore(from) && sale.startedAt().isBefore(start)) {
				window.add(sale);
			}
		}
		return window;
	}

	/**
	 * Sales of the window the seller can list again: products of its catalogue, not
	 * one-off extras.
	 */
	private static List<PriorSale> relistable(List<PriorSale> window, Seller seller) {
		List<PriorSale> relistable = new ArrayList<>();
		for (PriorSale sale : window) {
			if (seller.items().stream().anyMatch((item) -> item.sku().equals(sale.sku()))) {
				relistable.add(sale);
			}
		}
		return relistable;
	}

	private static String replacementFor(SplittableRandom rng, Set<String> taken) {
		List<String> free = new ArrayList<>(VIOLATIONS);
		free.remove("FAKE_DISCOUNT");
		free.removeAll(taken);
		return free.get(rng.nextInt(free.size()));
	}

	private static List<String> pickSome(SplittableRandom rng, List<String> from, int count) {
		List<String> pool = new ArrayList<>(from);
		List<String> picked = new ArrayList<>(count);
		for (int i = 0; i < count && !pool.isEmpty(); i++) {
			picked.add(pool.remove(rng.nextInt(pool.size())));
		}
		return picked;
	}

	/** A product being listed, before it becomes an immutable {@link Product}. */
	private static final class Listing {

		final Template template;

		final String sku;

		ProductCategory category;

		@Nullable String adConfirmationId;

		@Nullable String declaredOrigin;

		@Nullable String verifiedOrigin;

		long listPrice;

		long livePrice;

		boolean shown = true;

		Listing(Item item, long listPrice, long livePrice) {
			this.template = item.template();
			this.sku = item.sku();
			this.category = item.category();
			this.adConfirmationId = item.adConfirmationId();
			this.declaredOrigin = item.declaredOrigin();
			this.verifiedOrigin = item.verifiedOrigin();
			this.listPrice = listPrice;
			this.livePrice = livePrice;
		}

		Product toProduct() {
			return new Product(this.sku, this.category, this.adConfirmationId, this.declaredOrigin, this.verifiedOrigin,
					this.listPrice, this.livePrice);
		}

	}

	/** One session under construction: totals first, signals last. */
	private final class Draft {

		private final SplittableRandom rng;

		private final Seller seller;

		private final String sessionId;

		private final Instant start;

		private final Language language;

		private final long step;

		private long durationSec;

		private @Nullable String hostId;

		private boolean verified = true;

		private int peakViewers;

		private int avgViewers;

		private int comments;

		private int commentsAnswered;

		private int orders;

		private int viewerReports;

		private final List<Listing> listings = new ArrayList<>();

		private long hostAbsentSec;

		private long deadAirSec;

		private long stallSec;

		private int lowestResolution = 720;

		private boolean transparent;

		private boolean lowConfidenceNoise;

		private final List<Signal> extra = new ArrayList<>();

		private final List<String> extraSpeech = new ArrayList<>();

		/** A cure claim counts only while no drug is shown: drugs stay off camera. */
		private boolean noDrugShown;

		Draft(SplittableRandom rng, Seller seller, String sessionId, Instant start) {
			this.rng = rng;
			this.seller = seller;
			this.sessionId = sessionId;
			this.start = start;
			this.step = Catalogue.priceStep(seller.market());
			if (seller.market().equals("VN")) {
				int roll = rng.nextInt(20);
				this.language = roll < 13 ? Language.VIETNAMESE
						: (roll < 18 ? Language.VIETNAMESE_PLAIN : Language.ENGLISH);
			}
			else {
				this.language = rng.nextInt(10) == 0 ? Language.VIETNAMESE_PLAIN : Language.ENGLISH;
			}
		}

		/**
		 * A well-run session; {@code boundaryPercent} of the time one value sits exactly
		 * on a threshold.
		 */
		void baseline(boolean short_, int boundaryPercent) {
			boolean wholeMinutes = this.rng.nextBoolean();
			if (short_) {
				this.durationSec = 60L * (5 + this.rng.nextInt(10)) + this.rng.nextInt(60);
			}
			else {
				long minutes = 20 + (long) Math.min(220, this.rng.nextExponential() * 50);
				this.durationSec = 60 * minutes + (wholeMinutes ? 0 : this.rng.nextInt(60));
			}
			this.hostId = this.seller.hosts().get(this.rng.nextInt(this.seller.hosts().size()));
			this.peakViewers = (int) Math.max(10,
					Math.min(300_000, Math.round(Math.exp(6 + 1.4 * this.rng.nextGaussian()))));
			this.avgViewers = Math.max(1, (int) Math.round(this.peakViewers * (0.15 + 0.35 * this.rng.nextDouble())));
			this.comments = (int) Math.round(this.avgViewers * (0.3 + 2.2 * this.rng.nextDouble()));
			this.commentsAnswered = this.comments < 20 ? this.rng.nextInt(this.comments + 1)
					: (int) Math.ceil(this.comments * (0.25 + 0.6 * this.rng.nextDouble()));
			this.orders = this.rng.nextInt(10) == 0 ? 0
					: (int) Math.round(this.avgViewers * (0.01 + 0.24 * this.rng.nextDouble()));
			this.viewerReports = this.rng.nextInt(10) < 7 ? 0 : 1 + this.rng.nextInt(4);
			if (this.peakViewers >= 1_400 && this.rng.nextInt(100) < 15) {
				// many reports, but fewer than one per 200 viewers
				this.viewerReports = 5 + this.rng.nextInt(Math.min(40, (this.peakViewers - 1) / 200) - 4);
			}
			int productCount = 1 + Math.min(this.rng.nextInt(5), this.rng.nextInt(6));
			for (Item item : pickItems(productCount)) {
				Listing listing = regularPrice(item);
				int roll = this.rng.nextInt(100);
				if (roll < 2 && listing.verifiedOrigin != null) {
					// the same origin in another case is no false origin
					listing.verifiedOrigin = listing.verifiedOrigin.toLowerCase(Locale.ROOT);
				}
				else if (roll < 4) {
					listing.declaredOrigin = null;
				}
				this.listings.add(listing);
			}
			if (this.rng.nextInt(4) == 0) {
				this.hostAbsentSec = (long) (this.durationSec * 0.04 * this.rng.nextDouble());
			}
			if (this.rng.nextInt(4) == 0) {
				this.deadAirSec = (long) (this.durationSec * 0.02 * this.rng.nextDouble());
			}
			this.stallSec = (long) (this.durationSec * 0.02 * this.rng.nextDouble());
			this.lowestResolution = this.rng.nextInt(3) == 0 ? 1080 : 720;
			this.transparent = this.rng.nextInt(100) < 55;
			this.lowConfidenceNoise = this.rng.nextInt(10) == 0;
			if (this.rng.nextInt(100) < boundaryPercent) {
				boundary(short_);
			}
		}

		/** One value exactly on a threshold, on its safe side. */
		private void boundary(boolean short_) {
			switch (this.rng.nextInt(8)) {
				case 0 -> {
					if (!short_) {
						// shares of the session must stay what they were
						long previous = this.durationSec;
						this.durationSec = 15 * 60;
						this.hostAbsentSec = this.hostAbsentSec * this.durationSec / previous;
						this.deadAirSec = this.deadAirSec * this.durationSec / previous;
						this.stallSec = this.stallSec * this.durationSec / previous;
					}
				}
				case 1 -> this.hostAbsentSec = wholeMinutes() / 10;
				case 2 -> this.deadAirSec = wholeMinutes() / 20;
				case 3 -> {
					this.comments = 20;
					this.commentsAnswered = 4;
				}
				case 4 -> {
					this.comments = 19;
					this.commentsAnswered = 0;
				}
				case 5 -> this.lowestResolution = 480;
				case 6 -> this.stallSec = wholeMinutes() / 20;
				default -> this.extra.add(new Signal.ModerationFlag(randomAt(),
						this.rng.nextBoolean() ? ModerationCode.STATIC_IMAGE : ModerationCode.VULGAR_LANGUAGE, 0.79));
			}
		}

		/**
		 * Rounds the duration down to whole minutes, so 10% and 5% of it are whole
		 * seconds.
		 */
		private long wholeMinutes() {
			if (this.durationSec >= 120) {
				this.durationSec -= this.durationSec % 60;
			}
			return this.durationSec;
		}

		void plantQuality(String issue) {
			switch (issue) {
				case "SHORT_SESSION" -> {
					// the duration is short already
				}
				case "HOST_ABSENT" -> this.hostAbsentSec = share(0.11, 0.45);
				case "DEAD_AIR" -> this.deadAirSec = share(0.06, 0.30);
				case "LOW_INTERACTION" -> {
					this.comments = Math.max(20, this.comments);
					this.commentsAnswered = (int) (this.comments * 0.19 * this.rng.nextDouble());
				}
				case "PRODUCT_NOT_SHOWN" -> {
					int unshown = Math.min(this.listings.size(), 1 + this.rng.nextInt(2));
					for (int i = 0; i < unshown; i++) {
						this.listings.get(i).shown = false;
					}
				}
				case "POOR_STREAM" -> {
					if (this.rng.nextBoolean()) {
						this.lowestResolution = this.rng.nextBoolean() ? 360 : 240;
					}
					else {
						this.stallSec = share(0.06, 0.20);
					}
				}
				default -> throw new IllegalArgumentException("no quality issue " + issue);
			}
		}

		private long share(double min, double max) {
			return 1 + (long) Math.ceil(this.durationSec * (min + (max - min) * this.rng.nextDouble()));
		}

		void plantViolation(String code, List<PriorSale> window) {
			switch (code) {
				case "LOW_QUALITY_SESSION" -> {
					// short already; -10 -15 -10 -10 -10 -5 leaves at most 45 even with
					// TRANSPARENT_INFO
					for (String issue : List.of("HOST_ABSENT", "DEAD_AIR", "LOW_INTERACTION")) {
						plantQuality(issue);
					}
					this.stallSec = share(0.06, 0.20);
					this.listings.get(0).shown = false;
				}
				case "VIEWER_COMPLAINTS" -> {
					this.viewerReports = 5 + this.rng.nextInt(56);
					this.peakViewers = this.rng.nextInt(5) == 0 ? this.viewerReports * 200
							: Math.max(this.viewerReports + 10,
									(int) (this.viewerReports * 200 * (0.2 + 0.8 * this.rng.nextDouble())));
					this.avgViewers = Math.max(1, Math.min(this.avgViewers, this.peakViewers / 3));
				}
				case "VULGAR_CONTENT" ->
					flag(this.rng.nextBoolean() ? ModerationCode.VULGAR_LANGUAGE : ModerationCode.INDECENT_ATTIRE);
				case "NO_LIVE_HOST" ->
					flag(this.rng.nextBoolean() ? ModerationCode.STATIC_IMAGE : ModerationCode.PRERECORDED_CONTENT);
				case "OFF_PLATFORM_REDIRECT" -> {
					if (this.rng.nextInt(3) == 0) {
						flag(ModerationCode.OFF_PLATFORM_REDIRECT);
					}
					else {
						this.extraSpeech.add(say(Phrases.OFF_PLATFORM, this.listings.get(0)));
					}
				}
				case "FAKE_DISCOUNT" -> fakeDiscount(window);
				case "UNVERIFIED_HOST" -> {
					this.verified = false;
					if (this.rng.nextInt(3) == 0) {
						this.hostId = null;
					}
				}
				case "MISSING_AD_CONFIRMATION" -> {
					Listing regulated = this.listings.stream()
						.filter((listing) -> Catalogue.isRegulated(listing.category))
						.findFirst()
						.orElseGet(() -> addListing(Catalogue.REGULATED_EXTRA, "extra"));
					regulated.adConfirmationId = null;
				}
				case "MISLEADING_HEALTH_CLAIM" -> {
					if (this.rng.nextInt(5) < 2) {
						flag(ModerationCode.MISLEADING_CLAIM);
					}
					else {
						this.noDrugShown = true;
						this.extraSpeech.add(say(Phrases.CURE_CLAIM, this.listings.get(0)));
					}
				}
				case "FALSE_ORIGIN" -> {
					Listing listing = this.listings.get(this.rng.nextInt(this.listings.size()));
					if (listing.declaredOrigin == null || "CN".equalsIgnoreCase(listing.declaredOrigin)) {
						listing.declaredOrigin = this.rng.nextBoolean() ? "JP" : "KR";
						listing.verifiedOrigin = "CN";
					}
					else {
						listing.verifiedOrigin = this.rng.nextBoolean() ? "CN" : "cn";
					}
				}
				case "FAKE_ENGAGEMENT" -> flag(ModerationCode.FAKE_ENGAGEMENT);
				case "DANGEROUS_ACT" -> flag(ModerationCode.DANGEROUS_ACT);
				case "MINOR_ALONE" -> flag(ModerationCode.MINOR_ALONE);
				case "PROHIBITED_PRODUCT" -> {
					if (this.rng.nextBoolean()) {
						addListing(Catalogue.PROHIBITED.get(this.rng.nextInt(Catalogue.PROHIBITED.size())), "x");
					}
					else {
						flag(ModerationCode.COUNTERFEIT);
					}
				}
				default -> throw new IllegalArgumentException("no violation " + code);
			}
		}

		/**
		 * Relists a product sold a few days ago at an inflated list price, live at the
		 * price it sold for then.
		 */
		private void fakeDiscount(List<PriorSale> window) {
			List<PriorSale> relistable = relistable(window, this.seller);
			List<PriorSale> daysAgo = new ArrayList<>();
			for (PriorSale sale : relistable) {
				if (!sale.startedAt().isAfter(this.start.minus(DAY_LENGTH))) {
					daysAgo.add(sale);
				}
			}
			List<PriorSale> candidates = daysAgo.isEmpty() ? relistable : daysAgo;
			PriorSale sale = candidates.get(this.rng.nextInt(candidates.size()));
			Listing listing = null;
			for (Listing existing : this.listings) {
				if (existing.sku.equals(sale.sku())) {
					listing = existing;
				}
			}
			if (listing == null) {
				Item item = this.seller.items()
					.stream()
					.filter((i) -> i.sku().equals(sale.sku()))
					.findFirst()
					.orElseThrow(() -> new IllegalStateException("sold a sku the seller does not have: " + sale.sku()));
				listing = regularPrice(item);
				this.listings.add(listing);
			}
			// the same live price as days ago, or a little more: the "discount" is the
			// usual price
			listing.livePrice = sale.livePrice() + this.step * this.rng.nextInt(3);
			listing.listPrice = steps(listing.livePrice * (2.2 + 1.8 * this.rng.nextDouble())) + this.step;
			listing.shown = true;
		}

		/**
		 * A clearance price over half off, with no sale at or under it in the window: not
		 * a fake discount.
		 */
		void steepDiscountWithoutHistory(List<PriorSale> window) {
			Listing listing = this.listings.get(this.rng.nextInt(this.listings.size()));
			for (PriorSale sale : window) {
				if (sale.sku().equals(listing.sku) && sale.livePrice() <= listing.livePrice) {
					return;
				}
			}
			listing.listPrice = steps(listing.livePrice * (2.1 + this.rng.nextDouble())) + this.step;
		}

		private Listing addListing(Template template, String suffix) {
			Item item = Seller.item(this.rng, template, template.slug() + "-" + suffix);
			Listing listing = regularPrice(item);
			this.listings.add(listing);
			return listing;
		}

		private List<Item> pickItems(int count) {
			List<Item> pool = new ArrayList<>(this.seller.items());
			List<Item> picked = new ArrayList<>(count);
			Set<String> skus = new HashSet<>();
			while (picked.size() < count && !pool.isEmpty()) {
				Item item = pool.remove(this.rng.nextInt(pool.size()));
				if (skus.add(item.sku())) {
					picked.add(item);
				}
			}
			return picked;
		}

		/**
		 * A live price 0-40% under the base, a list price 0-10% over it: never more than
		 * twice.
		 */
		private Listing regularPrice(Item item) {
			long live = Catalogue.price(this.seller.market(), item.basePrice() * (0.6 + 0.4 * this.rng.nextDouble()));
			long list = Catalogue.price(this.seller.market(), item.basePrice() * (1.0 + 0.1 * this.rng.nextDouble()));
			return new Listing(item, Math.min(Math.max(list, live), 2 * live), live);
		}

		private long steps(double price) {
			return (long) Math.ceil(price / this.step) * this.step;
		}

		private void flag(ModerationCode code) {
			double confidence = this.rng.nextInt(8) == 0 ? 0.8 : 0.8 + 0.2 * this.rng.nextDouble();
			this.extra.add(new Signal.ModerationFlag(randomAt(), code, Math.round(confidence * 1000) / 1000.0));
			if (code == ModerationCode.VULGAR_LANGUAGE && this.rng.nextBoolean()) {
				this.extra.add(new Signal.ViewerReport(randomAt(), ReportCode.OFFENSIVE));
			}
			if (code == ModerationCode.COUNTERFEIT) {
				this.extra.add(new Signal.ViewerReport(randomAt(), ReportCode.FAKE_PRODUCT));
			}
		}

		private String say(Bank bank, Listing listing) {
			String name = this.language.isVietnamese() ? listing.template.vi() : listing.template.en();
			return Phrases.say(this.rng, this.language, bank, name,
					String.format(Locale.ROOT, "%,d", listing.livePrice),
					listing.declaredOrigin == null ? "VN" : listing.declaredOrigin);
		}

		private Instant end() {
			return this.start.plusSeconds(this.durationSec);
		}

		private Instant randomAt() {
			return this.start.plusSeconds(this.rng.nextLong(this.durationSec + 1));
		}

		private Instant at(double fraction) {
			return this.start.plusSeconds(Math.min(this.durationSec, (long) (this.durationSec * fraction)));
		}

		GeneratedSession build(List<PriorSale> window, Set<String> issues, Set<String> violations, Profile profile) {
			if (this.noDrugShown) {
				this.listings.stream()
					.filter((listing) -> listing.category == ProductCategory.DRUG)
					.forEach((listing) -> listing.shown = false);
			}
			List<Signal> signals = new ArrayList<>();
			for (Listing listing : this.listings) {
				if (listing.shown) {
					int times = 1 + (this.rng.nextInt(3) == 0 ? 1 : 0);
					for (int i = 0; i < times; i++) {
						signals.add(new Signal.ProductShown(randomAt(), listing.sku));
					}
				}
			}
			if (this.rng.nextInt(20) == 0) {
				signals.add(new Signal.ProductShown(randomAt(), "not-listed-" + (1 + this.rng.nextInt(9))));
			}
			speech(signals);
			for (long part : split(this.hostAbsentSec)) {
				signals.add(new Signal.HostAbsent(randomAt(), part));
			}
			for (long part : split(this.deadAirSec)) {
				signals.add(new Signal.DeadAir(randomAt(), part));
			}
			streamQuality(signals);
			int reports = Math.min(this.viewerReports, 12);
			for (int i = 0; i < reports; i++) {
				signals.add(new Signal.ViewerReport(randomAt(),
						ReportCode.values()[this.rng.nextInt(ReportCode.values().length)]));
			}
			if (this.lowConfidenceNoise) {
				ModerationCode code = ModerationCode.values()[this.rng.nextInt(ModerationCode.values().length)];
				signals
					.add(new Signal.ModerationFlag(randomAt(), code, Math.round(this.rng.nextDouble() * 700) / 1000.0));
			}
			signals.addAll(this.extra);
			if (this.rng.nextBoolean()) {
				signals.sort(Comparator.comparing(Signal::at));
			}
			List<Product> products = new ArrayList<>(this.listings.size());
			Set<String> listed = new LinkedHashSet<>();
			for (Listing listing : this.listings) {
				products.add(listing.toProduct());
				listed.add(listing.sku);
			}
			List<PriorSale> prior = new ArrayList<>();
			for (PriorSale sale : window) {
				if (listed.contains(sale.sku())) {
					prior.add(sale);
				}
			}
			this.commentsAnswered = Math.min(this.commentsAnswered, this.comments);
			LiveSession session = new LiveSession(this.sessionId, this.seller.id(), this.seller.market(), this.start,
					end(), new Host(this.hostId, this.verified), new SessionStats(this.peakViewers, this.avgViewers,
							this.comments, this.commentsAnswered, this.orders, this.viewerReports),
					products, signals);
			return new GeneratedSession(session, new SellerHistory(prior), profile, issues, violations);
		}

		private void speech(List<Signal> signals) {
			List<String> lines = new ArrayList<>();
			lines.add(say(Phrases.GREETING, this.listings.get(0)));
			int count = 2 + (int) Math.min(20, this.durationSec / 600);
			for (int i = 0; i < count; i++) {
				Listing listing = this.listings.get(this.rng.nextInt(this.listings.size()));
				lines.add(say(this.rng.nextBoolean() ? Phrases.PRODUCT : Phrases.ENGAGE, listing));
			}
			for (Listing listing : this.listings) {
				if (listing.category == ProductCategory.DRUG && listing.shown && this.rng.nextBoolean()) {
					lines.add(say(Phrases.DRUG_USE, listing));
				}
			}
			if (this.transparent) {
				Listing listing = this.listings.get(this.rng.nextInt(this.listings.size()));
				lines.add(say(Phrases.ORIGIN, listing));
				lines.add(say(this.rng.nextBoolean() ? Phrases.INGREDIENTS : Phrases.EXPIRY, listing));
			}
			lines.addAll(this.extraSpeech);
			lines.add(say(Phrases.CLOSING, this.listings.get(0)));
			for (int i = 0; i < lines.size(); i++) {
				double fraction = (i + this.rng.nextDouble()) / lines.size();
				signals.add(new Signal.Transcript(at(fraction), lines.get(i)));
			}
		}

		private void streamQuality(List<Signal> signals) {
			int samples = (int) Math.max(1, this.durationSec / (300 + this.rng.nextInt(600)));
			long[] stalls = new long[samples];
			for (long part = this.stallSec, i = 0; part > 0; i++) {
				long piece = (i == samples - 1 || part < 2) ? part : this.rng.nextLong(part / 2, part + 1);
				stalls[(int) Math.min(i, samples - 1)] += piece;
				part -= piece;
			}
			int low = this.rng.nextInt(samples);
			for (int i = 0; i < samples; i++) {
				int resolution = (i == low) ? this.lowestResolution : (this.rng.nextInt(3) == 0 ? 1080 : 720);
				signals.add(new Signal.StreamQuality(at((i + this.rng.nextDouble()) / samples), resolution, stalls[i]));
			}
		}

		/** One to three positive parts adding up to {@code total}; none for 0. */
		private List<Long> split(long total) {
			if (total <= 0) {
				return List.of();
			}
			int parts = (int) Math.min(total, 1 + this.rng.nextInt(3));
			List<Long> pieces = new ArrayList<>(parts);
			long left = total;
			for (int i = parts; i > 1; i--) {
				long piece = 1 + this.rng.nextLong(left - i + 1);
				pieces.add(piece);
				left -= piece;
			}
			pieces.add(left);
			Collections.shuffle(pieces, new java.util.Random(this.rng.nextLong()));
			return pieces;
		}

	}

}
