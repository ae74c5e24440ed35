package io.liveguard.engine.generator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.liveguard.engine.generator.Catalogue.Seller;
import io.liveguard.engine.scoring.SellerHistory.PriorSale;
import io.liveguard.engine.session.LiveSession;

/**
 * Generates livestream sessions in start order, each with its seller's history,
 * deterministically from {@link GeneratorSettings#seed()}: every iteration of the same
 * generator, and every generator with the same settings, yields the same sessions.
 * <p>
 * Memory does not grow with {@link GeneratorSettings#count()}: the generator keeps the
 * sellers (with their catalogues) and, per seller, the sales of the history window, so it
 * streams millions of sessions. Sessions start on a daily profile heavy in the evening
 * (UTC+7); a few busy sellers run many more streams than most. FAKE_DISCOUNT set-ups
 * relist a product the same seller sold a few days earlier, with an inflated list price;
 * the earlier sale is in the later session's {@link GeneratedSession#history()}.
 */
public final class SessionGenerator implements Iterable<GeneratedSession> {

	/** Relative streaming activity by hour of the day, UTC+7: lunch and evening peaks. */
	private static final double[] HOURLY = { 2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 6, 7, 6, 5, 5, 5, 6, 8, 10, 12,
			12, 9, 5 };

	private static final double[] HOURLY_CUMULATIVE = cumulative(HOURLY);

	private final GeneratorSettings settings;

	public SessionGenerator(GeneratorSettings settings) {
		this.settings = settings;
	}

	public GeneratorSettings settings() {
		return this.settings;
	}

	/** A fresh pass over the sessions, from the first. */
	@Override
	public Iterator<GeneratedSession> iterator() {
		return new Run();
	}

	/** The sessions with their histories, sequential and ordered by start. */
	public Stream<GeneratedSession> stream() {
		return StreamSupport.stream(Spliterators.spliterator(iterator(), this.settings.count(),
				Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
	}

	/** Just the session records. */
	public Stream<LiveSession> sessions() {
		return stream().map(GeneratedSession::session);
	}

	/**
	 * The first {@code count} sessions in memory, for benchmarks and tests that replay
	 * them.
	 */
	public List<GeneratedSession> list() {
		if (this.settings.count() > Integer.MAX_VALUE - 8) {
			throw new IllegalStateException("too many sessions for a list: stream them instead");
		}
		List<GeneratedSession> all = new ArrayList<>((int) this.settings.count());
		iterator().forEachRemaining(all::add);
		return all;
	}

	private static double[] cumulative(double[] weights) {
		double[] cumulative = new double[weights.length + 1];
		for (int i = 0; i < weights.length; i++) {
			cumulative[i + 1] = cumulative[i] + weights[i];
		}
		return cumulative;
	}

	/**
	 * Second of the day at which a share {@code fraction} of the day's streams have
	 * started.
	 */
	static long secondOfDay(double fraction) {
		double target = fraction * HOURLY_CUMULATIVE[HOURLY.length];
		int hour = 0;
		while (hour < HOURLY.length - 1 && HOURLY_CUMULATIVE[hour + 1] <= target) {
			hour++;
		}
		double within = (target - HOURLY_CUMULATIVE[hour]) / HOURLY[hour];
		return Math.min(86_399, (long) ((hour + Math.min(1.0, within)) * 3600));
	}

	/** One pass: its own random stream, sellers and sales windows. */
	private final class Run implements Iterator<GeneratedSession> {

		private final GeneratorSettings settings = SessionGenerator.this.settings;

		private final SplittableRandom rng = new SplittableRandom(this.settings.seed());

		private final SessionFactory factory = new SessionFactory(this.settings.historyDays());

		private final Instant firstDay = this.settings.from().atStartOfDay(ZoneOffset.ofHours(7)).toInstant();

		private final Seller[] sellers = new Seller[this.settings.sellers()];

		@SuppressWarnings("unchecked")
		private final ArrayDeque<PriorSale>[] sales = new ArrayDeque[this.settings.sellers()];

		/**
		 * Busy sellers first: seller i streams about (i + 1)^-0.8 as often as seller 0.
		 */
		private final double[] activity = new double[this.settings.sellers()];

		private long next;

		Run() {
			double total = 0;
			for (int i = 0; i < this.activity.length; i++) {
				total += Math.pow(i + 1, -0.8);
				this.activity[i] = total;
			}
		}

		@Override
		public boolean hasNext() {
			return this.next < this.settings.count();
		}

		@Override
		public GeneratedSession next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			long index = this.next++;
			SplittableRandom sessionRng = this.rng.split();
			Instant start = startOf(index, sessionRng.nextDouble());
			Seller seller = seller(pickSeller(sessionRng.nextDouble()));
			ArrayDeque<PriorSale> recent = salesOf(seller.index());
			Instant oldest = start.minus(Duration.ofDays(this.settings.historyDays()));
			while (!recent.isEmpty() && recent.peekFirst().startedAt().isBefore(oldest)) {
				recent.removeFirst();
			}
			Profile profile = this.settings.mix().pick(sessionRng.nextDouble());
			GeneratedSession generated = this.factory.create(sessionRng, index, start, seller, profile,
					List.copyOf(recent));
			LiveSession session = generated.session();
			if (session.stats().orders() > 0) {
				session.products()
					.forEach((product) -> recent.addLast(new PriorSale(session.sessionId(), session.startedAt(),
							product.sku(), product.livePrice())));
			}
			return generated;
		}

		/**
		 * Slot {@code index} of {@code count} over the days, mapped through the daily
		 * profile.
		 */
		private Instant startOf(long index, double jitter) {
			double position = (index + jitter) / this.settings.count() * this.settings.days();
			long day = (long) position;
			long second = secondOfDay(position - day);
			return this.firstDay.plusSeconds(day * 86_400 + second);
		}

		private int pickSeller(double uniform) {
			double target = uniform * this.activity[this.activity.length - 1];
			int low = 0;
			int high = this.activity.length - 1;
			while (low < high) {
				int mid = (low + high) >>> 1;
				if (this.activity[mid] <= target) {
					low = mid + 1;
				}
				else {
					high = mid;
				}
			}
			return low;
		}

		private Seller seller(int index) {
			Seller seller = this.sellers[index];
			if (seller == null) {
				seller = Seller.create(this.settings.seed(), index, this.settings.markets());
				this.sellers[index] = seller;
			}
			return seller;
		}

		private ArrayDeque<PriorSale> salesOf(int seller) {
			ArrayDeque<PriorSale> recent = this.sales[seller];
			if (recent == null) {
				recent = new ArrayDeque<>();
				this.sales[seller] = recent;
			}
			return recent;
		}

	}

}
