package io.liveguard.web.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.liveguard.batch.webhook.WebhookOutbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox's messages, never in a decision's transaction or thread: a commit that
 * recorded messages wakes it at once ({@link WebhookOutbox#onRecorded}), and it also
 * looks every {@code liveguard.webhooks.poll} (messages of other nodes, retries that came
 * due). It claims due messages in a short transaction of its own
 * ({@code FOR UPDATE SKIP LOCKED}: nodes claiming at the same time take different rows)
 * and moves them past a lease, so no other node sends them while this one does; then
 * sends them on its own threads, in the order they were decided, each with a connect and
 * an answer timeout, and stores each outcome only while the claim is still its own. A 2xx
 * is delivery; a {@code 410} disables the endpoint; anything else is retried on the
 * schedule, then FAILED.
 * <p>
 * A bulk writer's events (a penalty run's) wait for their messages
 * ({@link WebhookOutbox#fanOut}); the dispatcher makes them before it claims. While a
 * bulk writer records in this JVM it leaves it the cores: it makes at most
 * {@code liveguard.webhooks.bulk-rate} of those messages a second (and sends them), while
 * every other decision's messages (a live's actions) go at once; when the writer is done,
 * the rest at full speed.
 */
class WebhookDispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private static final int MAX_ERROR = 1000;

	/** Candidates read per claim, in batches: room for another node claiming at once. */
	private static final int CANDIDATES = 2;

	/**
	 * How often the dispatcher makes a share of a bulk writer's messages while it
	 * records.
	 */
	private static final long BULK_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

	/** Messages fanned out per transaction at full speed. */
	private static final int FAN_OUT_BATCH = 2000;

	/** How much of an answer's body an attempt keeps, in bytes. */
	static final int MAX_ANSWER = 1024;

	private static final String NEXT_DUE = "select min(next_attempt_at) from webhook_message where status = 'PENDING' "
			+ "and endpoint_id in (select endpoint_id from webhook_endpoint where status = 'ACTIVE')";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final WebhookSecrets secrets;

	private final WebhookEndpoints endpoints;

	private final WebhookDestinations destinations;

	private final WebhookOutbox outbox;

	private final WebhookProperties properties;

	private final Clock clock;

	private final HttpClient http;

	private final String node = UUID.randomUUID().toString().substring(0, 8);

	private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

	private final Counter sent;

	private final Counter failed;

	private final Counter retries;

	private final Timer latency;

	private final Timer attemptDuration;

	private @Nullable ExecutorService senders;

	private @Nullable Thread loop;

	private volatile boolean running;

	/** While a bulk writer records: how many of its messages may be made now. */
	private double allowance;

	private long allowanceAt;

	WebhookDispatcher(JdbcClient jdbc, TransactionTemplate transactions, WebhookSecrets secrets,
			WebhookEndpoints endpoints, WebhookDestinations destinations, WebhookOutbox outbox,
			WebhookProperties properties, MeterRegistry meters, Clock clock) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.secrets = secrets;
		this.endpoints = endpoints;
		this.destinations = destinations;
		this.outbox = outbox;
		this.properties = properties;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.sent = Counter.builder("liveguard.webhooks.sent")
			.description("Messages delivered (a 2xx answer)")
			.register(meters);
		this.failed = Counter.builder("liveguard.webhooks.failed")
			.description("Messages that became FAILED (schedule exhausted, or 410)")
			.register(meters);
		this.retries = Counter.builder("liveguard.webhooks.retries")
			.description("Failed attempts scheduled for a retry")
			.register(meters);
		this.latency = Timer.builder("liveguard.webhooks.latency")
			.description("From the decision recording a message to its delivery")
			.publishPercentiles(0.5, 0.99)
			.register(meters);
		this.attemptDuration = Timer.builder("liveguard.webhooks.attempt.duration")
			.description("How long each attempt took, whatever its outcome")
			.register(meters);
	}

	/** Looks for due messages now, on the dispatcher's thread. */
	void wake() {
		this.wakeUps.offer(Boolean.TRUE);
	}

	@Override
	public void start() {
		if (!this.properties.enabled() || this.running) {
			return;
		}
		if (!this.secrets.configured()) {
			log.warn("liveguard.webhooks.secret-key is not set: webhook endpoints cannot be registered, "
					+ "and no message is sent");
		}
		this.running = true;
		AtomicInteger threads = new AtomicInteger();
		this.senders = Executors.newFixedThreadPool(this.properties.threads(), (task) -> {
			Thread thread = new Thread(task, "webhook-sender-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		Thread thread = new Thread(this::run, "webhook-dispatcher");
		thread.setDaemon(true);
		this.loop = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.loop;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (this.senders != null) {
			this.senders.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		while (this.running) {
			try {
				if (this.outbox.bulkWriting()) {
					yieldToBulkWriter();
				}
				else if (fanOut(FAN_OUT_BATCH) + dispatch() == 0) {
					this.allowanceAt = 0;
					this.wakeUps.poll(untilNextDue().toMillis(), TimeUnit.MILLISECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Webhook dispatch failed; trying again at the next poll", ex);
				try {
					this.wakeUps.poll(this.properties.poll().toMillis(), TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * How long to wait for a wake-up: until the next retry is due, at most the poll (a
	 * message another node recorded, or one whose lease ran out, waits for the poll).
	 */
	private Duration untilNextDue() {
		List<OffsetDateTime> due = this.jdbc.sql(NEXT_DUE).query(OffsetDateTime.class).list();
		OffsetDateTime next = due.isEmpty() ? null : due.get(0);
		Duration poll = this.properties.poll();
		if (next == null) {
			return poll;
		}
		Duration until = Duration.between(this.clock.instant(), next.toInstant());
		return until.isNegative() ? Duration.ofMillis(10) : (until.compareTo(poll) < 0) ? until : poll;
	}

	/**
	 * One tick while a bulk writer records on this node: makes its share of the bulk
	 * writer's messages ({@code bulk-rate} a second, none at 0) and sends everything due;
	 * until the tick's end, a commit's wake-up (another decision's messages) sends at
	 * once.
	 */
	private void yieldToBulkWriter() throws InterruptedException {
		int rate = this.properties.bulkRate();
		long now = System.nanoTime();
		// holding them all (rate 0), it has nothing to do until a wake-up (another
		// decision's messages, the bulk writer's end) or a retry comes due
		long tickEnd = now + ((rate > 0) ? BULK_TICK_NANOS : untilNextDue().toNanos());
		if (this.allowanceAt == 0) {
			this.allowanceAt = now;
		}
		// at most a second's worth at once
		this.allowance = Math.min(rate, this.allowance + rate * ((now - this.allowanceAt) / 1e9));
		this.allowanceAt = now;
		// a row of the bulk writer's events is taken whole: the allowance may go below
		// zero, and the next row waits until it is above again
		if (this.allowance > 0) {
			this.allowance -= fanOut((int) Math.max(1, this.allowance));
		}
		sendDue();
		long left;
		while (this.running && this.outbox.bulkWriting() && (left = tickEnd - System.nanoTime()) > 0) {
			if (this.wakeUps.poll(left, TimeUnit.NANOSECONDS) != null) {
				sendDue();
			}
		}
	}

	private void sendDue() throws InterruptedException {
		while (this.running && dispatch() == this.properties.batchSize()) {
			// a full batch: there may be more
		}
	}

	/** Makes about {@code messages} of the messages bulk writers recorded. */
	private int fanOut(int messages) {
		Integer made = this.transactions.execute((status) -> this.outbox.fanOut(messages));
		return (made != null) ? made : 0;
	}

	/**
	 * Claims a batch of due messages and sends them; returns how many it claimed.
	 */
	int dispatch() throws InterruptedException {
		if (!this.secrets.configured()) {
			return 0;
		}
		List<Claimed> claimed = claim();
		if (claimed.isEmpty()) {
			return 0;
		}
		ExecutorService pool = this.senders;
		if (pool == null) {
			claimed.forEach(this::send);
			return claimed.size();
		}
		List<Future<?>> sending = new ArrayList<>();
		for (Claimed message : claimed) {
			sending.add(pool.submit(() -> send(message)));
		}
		for (Future<?> future : sending) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				log.error("Sending a webhook message failed unexpectedly", ex.getCause());
			}
		}
		return claimed.size();
	}

	private List<Claimed> claim() {
		List<Claimed> claimed = this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			// First the candidates, the earliest due first, read along the due index
			// without locks, so a claim reads about a batch of rows however long the
			// backlog (ordered by seq, or locked in the same query, H2 reads and sorts
			// every due message: about 0.4 s per claim at 36,000). For a first attempt,
			// next_attempt_at is when its decision recorded it.
			List<Long> candidates = this.jdbc.sql("""
					select seq from webhook_message
					where status = 'PENDING' and next_attempt_at <= ?
					  and endpoint_id in (select endpoint_id from webhook_endpoint where status = 'ACTIVE')
					order by status, next_attempt_at, seq
					limit ?
					""").params(utc(now), CANDIDATES * this.properties.batchSize()).query(Long.class).list();
			if (candidates.isEmpty()) {
				return List.<Claimed>of();
			}
			// then a batch of those still due, locked: another node claiming at the same
			// time skips these rows and takes the next candidates; one that committed its
			// claim first has moved them past its lease, so they are no longer due
			List<Object> lock = new ArrayList<>(candidates);
			lock.add(utc(now));
			lock.add(this.properties.batchSize());
			List<Long> seqs = this.jdbc.sql("""
					select seq from webhook_message
					where seq in (%s) and status = 'PENDING' and next_attempt_at <= ?
					order by next_attempt_at, seq
					limit ?
					for update skip locked
					""".formatted(String.join(",", candidates.stream().map((seq) -> "?").toList())))
				.params(lock)
				.query(Long.class)
				.list();
			if (seqs.isEmpty()) {
				return List.<Claimed>of();
			}
			String claim = this.node + ":" + UUID.randomUUID();
			String in = String.join(",", seqs.stream().map((seq) -> "?").toList());
			List<Object> params = new ArrayList<>();
			params.add(utc(now.plus(this.properties.lease())));
			params.add(claim);
			params.addAll(seqs);
			this.jdbc.sql("update webhook_message set next_attempt_at = ?, claim = ? where seq in (" + in + ")")
				.params(params)
				.update();
			List<Object> read = new ArrayList<>(seqs);
			return this.jdbc.sql("""
					select m.seq, m.message_id, m.endpoint_id, m.attempts, m.created_at, m.claim, e.body, p.url,
					       p.secret, p.previous_secret, p.previous_secret_until
					from webhook_message m
					join webhook_event e on e.event_id = m.event_id
					join webhook_endpoint p on p.endpoint_id = m.endpoint_id
					where m.seq in (%s)
					order by m.seq
					""".formatted(in)).params(read).query((rs, row) -> {
				OffsetDateTime until = rs.getObject("previous_secret_until", OffsetDateTime.class);
				return new Claimed(rs.getLong("seq"), rs.getString("message_id"), rs.getString("endpoint_id"),
						rs.getInt("attempts"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
						rs.getString("claim"), rs.getString("body"), rs.getString("url"), rs.getString("secret"),
						(until != null && until.toInstant().isAfter(now)) ? rs.getString("previous_secret") : null);
			}).list();
		});
		return (claimed != null) ? claimed : List.of();
	}

	private void send(Claimed message) {
		Instant started = this.clock.instant();
		long begin = System.nanoTime();
		Integer status = null;
		String error = null;
		String answer = null;
		try {
			URI url = URI.create(message.url());
			// checked before every attempt, not only at registration: what the host
			// resolves to may have changed since
			Optional<String> refused = this.destinations.refusal(url);
			if (refused.isPresent()) {
				error = "not sent: url " + refused.get();
			}
			else {
				HttpResponse<String> response = call(request(message, url, started));
				status = response.statusCode();
				answer = response.body().isEmpty() ? null : response.body();
				if (status < 200 || status > 299) {
					error = "HTTP " + status;
				}
			}
		}
		catch (HttpTimeoutException ex) {
			error = "no answer within " + this.properties.timeout().toSeconds() + " s (" + ex.getMessage() + ")";
		}
		catch (IOException | RuntimeException ex) {
			error = ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// the lease runs out and the message is sent again: at least once
			return;
		}
		long durationNanos = System.nanoTime() - begin;
		this.attemptDuration.record(durationNanos, TimeUnit.NANOSECONDS);
		Outcome outcome = outcome(message, status);
		try {
			store(message, outcome, started, status, error, answer, durationNanos);
		}
		catch (RuntimeException ex) {
			// the endpoint was deleted meanwhile, or the database is away: the lease runs
			// out and the message, if it still exists, is sent again
			log.warn("Could not store the outcome of webhook message {}", message.messageId(), ex);
		}
	}

	private HttpRequest request(Claimed message, URI url, Instant started) {
		List<String> keys = new ArrayList<>();
		keys.add(this.secrets.decrypt(message.secret(), message.endpointId()));
		if (message.previousSecret() != null) {
			keys.add(this.secrets.decrypt(message.previousSecret(), message.endpointId()));
		}
		long timestamp = started.getEpochSecond();
		return HttpRequest.newBuilder(url)
			.timeout(this.properties.timeout())
			.header("content-type", "application/json")
			.header("user-agent", "LiveGuard-Webhooks/1")
			.header("webhook-id", message.messageId())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", WebhookSecrets.signature(message.messageId(), timestamp, message.body(), keys))
			.POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
			.build();
	}

	/**
	 * Sends the request and reads the first {@value #MAX_ANSWER} bytes of the answer. The
	 * request's timeout bounds the wait for the answer's head; this bounds the whole
	 * call, so a receiver that trickles its body cannot hold a sending thread.
	 */
	private HttpResponse<String> call(HttpRequest request) throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<String>> call = this.http.sendAsync(request,
				(info) -> new FirstBytes(MAX_ANSWER));
		try {
			return call.get(this.properties.connectTimeout().plus(this.properties.timeout()).toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			call.cancel(true);
			throw new HttpTimeoutException("the answer did not end in time");
		}
		catch (InterruptedException ex) {
			call.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() instanceof CompletionException && ex.getCause().getCause() != null)
					? ex.getCause().getCause() : ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IOException(cause);
		}
	}

	private Outcome outcome(Claimed message, @Nullable Integer status) {
		if (status != null && status >= 200 && status <= 299) {
			return Outcome.DELIVERED;
		}
		if (status != null && status == 410) {
			return Outcome.GONE;
		}
		// attempts counts those before this one; the schedule has one wait per retry
		return (message.attempts() < this.properties.retrySchedule().size()) ? Outcome.RETRY : Outcome.FAILED;
	}

	private void store(Claimed message, Outcome outcome, Instant started, @Nullable Integer status,
			@Nullable String error, @Nullable String answer, long durationNanos) {
		Instant now = this.clock.instant();
		boolean mine = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			int attempt = message.attempts() + 1;
			String newStatus = switch (outcome) {
				case DELIVERED -> "DELIVERED";
				case RETRY -> "PENDING";
				case GONE, FAILED -> "FAILED";
			};
			Instant next = (outcome == Outcome.RETRY)
					? now.plus(this.properties.retrySchedule().get(message.attempts())) : now;
			int updated = this.jdbc.sql("""
					update webhook_message set status = ?, attempts = ?, next_attempt_at = ?, claim = null,
					       delivered_at = ?
					where seq = ? and claim = ?
					""")
				.params(newStatus, attempt, utc(next), (outcome == Outcome.DELIVERED) ? utc(now) : null, message.seq(),
						message.claim())
				.update();
			if (updated == 0) {
				return false;
			}
			this.jdbc.sql("""
					insert into webhook_attempt (message_seq, attempt, attempted_at, http_status, error, duration_ms,
					                             answer)
					values (?, ?, ?, ?, ?, ?, ?)
					""")
				.params(message.seq(), attempt, utc(started), status, truncate(error),
						TimeUnit.NANOSECONDS.toMillis(durationNanos), answer)
				.update();
			return true;
		}));
		if (!mine) {
			log.warn("Webhook message {} was claimed by another node while this one sent it (lease {})",
					message.messageId(), this.properties.lease());
			return;
		}
		switch (outcome) {
			case DELIVERED -> {
				this.sent.increment();
				this.latency.record(Duration.between(message.createdAt(), now));
			}
			case RETRY -> this.retries.increment();
			case FAILED -> this.failed.increment();
			case GONE -> {
				this.failed.increment();
				this.endpoints.disableGone(message.endpointId(), message.url());
				log.warn("Webhook endpoint {} answered 410 Gone and is disabled", message.endpointId());
			}
		}
	}

	private static @Nullable String truncate(@Nullable String error) {
		return (error == null || error.length() <= MAX_ERROR) ? error : error.substring(0, MAX_ERROR);
	}

	private static OffsetDateTime utc(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private enum Outcome {

		DELIVERED, RETRY, FAILED, GONE

	}

	private record Claimed(long seq, String messageId, String endpointId, int attempts, Instant createdAt, String claim,
			String body, String url, String secret, @Nullable String previousSecret) {
	}

}
