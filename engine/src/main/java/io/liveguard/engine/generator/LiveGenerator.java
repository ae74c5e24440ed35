package io.liveguard.engine.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.liveguard.engine.generator.Phrases.Language;
import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.SequencedSignal;
import io.liveguard.engine.session.Host;
import io.liveguard.engine.session.ModerationCode;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import io.liveguard.engine.session.ReportCode;
import io.liveguard.engine.session.Signal;

/**
 * Generates lives as signal streams (live.md) with planted violations and reminders of
 * policy section 4, deterministically from a seed: live {@code i} of a seed is always the
 * same, whatever was generated before it, so a benchmark and a test can share them. About
 * a third of the lives are clean (neutral talk, products shown early, good video, flags
 * under the moderation threshold); the others plant one or two codes, often repeated near
 * the edges that matter (the repeat window, the reminder period, the report window, the
 * confidence threshold, the reminder durations). Signals come every few seconds, one to
 * three to a request, sometimes out of {@code at} order within a request, sometimes
 * resent (a duplicate seq) or sent late (a signal from minutes before).
 */
public final class LiveGenerator {

	/** The codes of policy section 4 a live may be planted with. */
	public static final List<String> CODES = List.of("VIEWER_COMPLAINTS", "VULGAR_CONTENT", "NO_LIVE_HOST",
			"OFF_PLATFORM_REDIRECT", "FAKE_ENGAGEMENT", "DANGEROUS_ACT", "MISLEADING_HEALTH_CLAIM",
			"PROHIBITED_PRODUCT", "MINOR_ALONE", "NO_HOST_ON_CAMERA", "DEAD_AIR", "POOR_STREAM", "PRODUCT_NOT_SHOWN");

	private static final Instant BASE = Instant.parse("2026-12-03T11:00:00Z");

	private static final List<ProductCategory> CATEGORIES = List.of(ProductCategory.GENERAL, ProductCategory.GENERAL,
			ProductCategory.GENERAL, ProductCategory.COSMETICS, ProductCategory.FUNCTIONAL_FOOD, ProductCategory.DRUG,
			ProductCategory.MEDICAL_DEVICE, ProductCategory.INFANT_FORMULA, ProductCategory.ALCOHOL);

	private final long seed;

	public LiveGenerator(long seed) {
		this.seed = seed;
	}

	/** Lives 0 to {@code count - 1} of this seed. */
	public Stream<GeneratedLive> lives(int count) {
		return IntStream.range(0, count).mapToObj(this::live);
	}

	/** Live {@code index} of this seed. */
	public GeneratedLive live(int index) {
		return new Run(new SplittableRandom(this.seed * 1_000_003L + index), index).live();
	}

	/** The making of one live. */
	private static final class Run {

		private final SplittableRandom rng;

		private final int index;

		private final Language language;

		private final List<Signal> signals = new ArrayList<>();

		private final Set<String> planted = new LinkedHashSet<>();

		Run(SplittableRandom rng, int index) {
			this.rng = rng;
			this.index = index;
			this.language = Language.values()[rng.nextInt(Language.values().length)];
		}

		GeneratedLive live() {
			String liveId = "gen-live-" + this.index;
			Instant start = BASE.plus(Duration.ofMinutes(this.index % 600));
			Duration length = Duration.ofMinutes(11 + this.rng.nextInt(25));
			List<Product> products = products();
			background(start, length, products);
			int plants = this.rng.nextInt(3) == 0 ? 0 : 1 + (this.rng.nextInt(4) == 0 ? 1 : 0);
			for (int i = 0; i < plants; i++) {
				plant(CODES.get(this.rng.nextInt(CODES.size())), start, length, products);
			}
			this.signals.sort(Comparator.comparing(Signal::at));
			GoLive request = new GoLive(liveId, "gen-shop-" + (this.index % 97), "VN", start,
					new Host("gen-host-" + this.index, true), products);
			return new GeneratedLive(request, requests(), this.planted);
		}

		private List<Product> products() {
			int count = 1 + this.rng.nextInt(3);
			List<Product> products = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				ProductCategory category = CATEGORIES.get(this.rng.nextInt(CATEGORIES.size()));
				boolean regulated = category != ProductCategory.GENERAL;
				// now and then a product the go-live check blocks: no ad confirmation, or
				// a false origin
				String confirmation = regulated && this.rng.nextInt(8) != 0 ? "QC-" + this.index + "-" + i : null;
				String verified = this.rng.nextInt(10) == 0 ? "CN" : "VN";
				products.add(new Product("g" + this.index + "-p" + i, category, confirmation, "VN", verified, 200_000,
						180_000));
			}
			return products;
		}

		/**
		 * Neutral talk every few seconds, the products shown early, good video, noise
		 * under the thresholds.
		 */
		private void background(Instant start, Duration length, List<Product> products) {
			long end = length.toSeconds();
			for (long second = 1 + this.rng.nextInt(5); second < end; second += 3 + this.rng.nextInt(8)) {
				Instant at = start.plusSeconds(second);
				int kind = this.rng.nextInt(20);
				if (kind < 12) {
					this.signals.add(new Signal.Transcript(at, Phrases.say(this.rng, this.language,
							this.rng.nextBoolean() ? Phrases.ENGAGE : Phrases.PRODUCT, "sản phẩm", "99.000", "VN")));
				}
				else if (kind < 15) {
					this.signals.add(new Signal.StreamQuality(at, this.rng.nextInt(10) == 0 ? 360 : 720, 0));
				}
				else if (kind == 15) {
					ModerationCode code = ModerationCode.values()[this.rng.nextInt(ModerationCode.values().length)];
					this.signals.add(new Signal.ModerationFlag(at, code, 0.3 + this.rng.nextInt(50) / 100.0));
				}
				else if (kind == 16) {
					this.signals.add(new Signal.HostAbsent(at, 10 + this.rng.nextInt(200)));
				}
				else if (kind == 17) {
					this.signals.add(new Signal.DeadAir(at, 5 + this.rng.nextInt(120)));
				}
				else if (kind == 18 && this.rng.nextInt(4) == 0) {
					this.signals.add(new Signal.ViewerReport(at,
							ReportCode.values()[this.rng.nextInt(ReportCode.values().length)]));
				}
			}
			for (Product product : products) {
				this.signals.add(new Signal.ProductShown(start.plusSeconds(30 + this.rng.nextInt(400)), product.sku()));
			}
		}

		/**
		 * Plants {@code code} one to four times, the repeats around the windows that
		 * decide whether they count.
		 */
		private void plant(String code, Instant start, Duration length, List<Product> products) {
			this.planted.add(code);
			long span = length.toMillis();
			long first = 60_000 + this.rng.nextLong(Math.max(1, span / 2));
			int times = 1 + this.rng.nextInt(4);
			long at = first;
			for (int i = 0; i < times && at < span; i++) {
				plantOnce(code, start.plusMillis(at), start, products);
				at += nearEdge(code);
			}
		}

		/**
		 * A gap to the next repeat: near the repeat window (violations) or the reminder
		 * period (reminders).
		 */
		private long nearEdge(String code) {
			boolean reminder = List.of("NO_HOST_ON_CAMERA", "DEAD_AIR", "POOR_STREAM", "PRODUCT_NOT_SHOWN")
				.contains(code);
			long edge = reminder ? 600_000 : 300_000;
			return switch (this.rng.nextInt(4)) {
				case 0 -> edge;
				case 1 -> edge + 1_000;
				case 2 -> edge - 1_000 - this.rng.nextInt(60_000);
				default -> edge + this.rng.nextInt(120_000);
			};
		}

		private void plantOnce(String code, Instant at, Instant start, List<Product> products) {
			switch (code) {
				case "VIEWER_COMPLAINTS" -> {
					int reports = 3 + this.rng.nextInt(5);
					for (int i = 0; i < reports; i++) {
						this.signals.add(new Signal.ViewerReport(at.plusSeconds(i * (10L + this.rng.nextInt(60))),
								ReportCode.values()[this.rng.nextInt(ReportCode.values().length)]));
					}
				}
				case "VULGAR_CONTENT" ->
					flag(at, this.rng.nextBoolean() ? ModerationCode.VULGAR_LANGUAGE : ModerationCode.INDECENT_ATTIRE);
				case "NO_LIVE_HOST" ->
					flag(at, this.rng.nextBoolean() ? ModerationCode.STATIC_IMAGE : ModerationCode.PRERECORDED_CONTENT);
				case "OFF_PLATFORM_REDIRECT" -> {
					if (this.rng.nextBoolean()) {
						flag(at, ModerationCode.OFF_PLATFORM_REDIRECT);
					}
					else {
						this.signals.add(new Signal.Transcript(at, Phrases.say(this.rng, this.language,
								Phrases.OFF_PLATFORM, "sản phẩm", "99.000", "VN")));
					}
				}
				case "FAKE_ENGAGEMENT" -> flag(at, ModerationCode.FAKE_ENGAGEMENT);
				case "DANGEROUS_ACT" -> flag(at, ModerationCode.DANGEROUS_ACT);
				case "MISLEADING_HEALTH_CLAIM" -> {
					if (this.rng.nextBoolean()) {
						flag(at, ModerationCode.MISLEADING_CLAIM);
					}
					else {
						this.signals.add(new Signal.Transcript(at,
								Phrases.say(this.rng, this.language, Phrases.CURE_CLAIM, "sản phẩm", "99.000", "VN")));
					}
				}
				case "PROHIBITED_PRODUCT" -> flag(at, ModerationCode.COUNTERFEIT);
				case "MINOR_ALONE" -> flag(at, ModerationCode.MINOR_ALONE);
				case "NO_HOST_ON_CAMERA" -> this.signals.add(new Signal.HostAbsent(at, 290 + this.rng.nextInt(30)));
				case "DEAD_AIR" -> this.signals.add(new Signal.DeadAir(at, 170 + this.rng.nextInt(30)));
				case "POOR_STREAM" -> {
					int samples = 2 + this.rng.nextInt(3);
					for (int i = 0; i < samples; i++) {
						this.signals.add(new Signal.StreamQuality(at.plusSeconds(i * (20L + this.rng.nextInt(50))),
								240 + this.rng.nextInt(3) * 120, 1));
					}
				}
				case "PRODUCT_NOT_SHOWN" -> {
					// a product shown only after the deadline (or, when the last one, not
					// at all)
					String sku = products.get(this.rng.nextInt(products.size())).sku();
					this.signals
						.removeIf((signal) -> signal instanceof Signal.ProductShown shown && shown.sku().equals(sku));
					if (this.rng.nextBoolean()) {
						this.signals.add(new Signal.ProductShown(start.plusSeconds(590 + this.rng.nextInt(30)), sku));
					}
				}
				default -> throw new IllegalArgumentException("No such code to plant: " + code);
			}
		}

		/**
		 * A flag mostly well above the threshold, sometimes exactly on it or just under.
		 */
		private void flag(Instant at, ModerationCode code) {
			double confidence = switch (this.rng.nextInt(6)) {
				case 0 -> 0.8;
				case 1 -> 0.79;
				default -> 0.81 + this.rng.nextInt(19) / 100.0;
			};
			this.signals.add(new Signal.ModerationFlag(at, code, confidence));
		}

		/**
		 * Groups the signals into requests of one to three; now and then a resent or a
		 * late one.
		 */
		private List<GeneratedLive.Request> requests() {
			List<GeneratedLive.Request> requests = new ArrayList<>();
			List<SequencedSignal> sent = new ArrayList<>();
			long seq = 0;
			long viewers = 200 + this.rng.nextInt(2_000);
			int i = 0;
			while (i < this.signals.size()) {
				int size = Math.min(1 + this.rng.nextInt(3), this.signals.size() - i);
				List<SequencedSignal> batch = new ArrayList<>(size + 1);
				for (int j = 0; j < size; j++) {
					SequencedSignal signal = new SequencedSignal(++seq, this.signals.get(i + j));
					batch.add(signal);
					sent.add(signal);
				}
				i += size;
				if (this.rng.nextInt(40) == 0) {
					// a resend: the same seq again, whatever its content
					batch.add(sent.get(this.rng.nextInt(sent.size())));
				}
				if (this.rng.nextInt(60) == 0 && i > 0) {
					// a late signal: from one to four minutes before the newest
					Instant newest = this.signals.get(i - 1).at();
					Instant at = newest.minusSeconds(60 + this.rng.nextInt(180));
					if (!at.isBefore(this.signals.get(0).at())) {
						batch.add(new SequencedSignal(++seq, new Signal.ViewerReport(at, ReportCode.OTHER)));
					}
				}
				if (batch.size() > 1 && this.rng.nextInt(4) == 0) {
					Collections.reverse(batch);
				}
				Long sentViewers = null;
				if (this.rng.nextInt(5) == 0) {
					viewers = Math.max(0, viewers + this.rng.nextInt(801) - 400);
					sentViewers = viewers;
				}
				requests.add(new GeneratedLive.Request(batch, sentViewers));
			}
			return requests;
		}

	}

}
