package io.liveguard.web.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A platform's webhook receiver on loopback, as events.md tells one to be: it checks
 * every message's signature with its own implementation of Standard Webhooks (not
 * LiveGuard's), refuses a timestamp more than 5 minutes away, and drops a
 * {@code webhook-id} it has seen. Each path answers the statuses queued for it (then
 * 204), and records what it received, how often each id came, and whether two deliveries
 * of one id ever overlapped.
 */
final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();

	private final Map<String, Deque<Answer>> answers = new ConcurrentHashMap<>();

	/** Every request: path, id, timestamp, body, signature valid, status answered. */
	final List<Received> requests = new CopyOnWriteArrayList<>();

	/** Messages accepted once each (the duplicates dropped). */
	final Map<String, Received> accepted = new ConcurrentHashMap<>();

	final AtomicInteger duplicates = new AtomicInteger();

	/** Requests that arrived, answered or not yet. */
	final AtomicInteger arrived = new AtomicInteger();

	final AtomicInteger badSignatures = new AtomicInteger();

	/** Ids being handled right now: a second one arriving meanwhile is an overlap. */
	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	final AtomicInteger overlaps = new AtomicInteger();

	private final Map<String, Deque<Long>> delays = new ConcurrentHashMap<>();

	Receiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	/** The secrets the path's endpoint signs with (any one matching is enough). */
	void secrets(String path, String... whsecs) {
		this.secrets.put(path, List.of(whsecs));
	}

	void answer(String path, Integer... statuses) {
		for (Integer status : statuses) {
			answer(path, status, null);
		}
	}

	/** The next request to the path is answered with this status and body. */
	void answer(String path, int status, @Nullable String body) {
		this.answers.computeIfAbsent(path, (p) -> new ConcurrentLinkedDeque<>()).add(new Answer(status, body));
	}

	/** The next request to the path is answered after this long. */
	void delayNext(String path, long millis) {
		this.delays.computeIfAbsent(path, (p) -> new ConcurrentLinkedDeque<>()).add(millis);
	}

	List<Received> at(String path) {
		return this.requests.stream().filter((request) -> request.path().equals(path)).toList();
	}

	List<Received> acceptedAt(String path) {
		return this.accepted.values()
			.stream()
			.filter((request) -> request.path().equals(path))
			.sorted(java.util.Comparator.comparing(Received::receivedAt))
			.toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.arrived.incrementAndGet();
		String path = exchange.getRequestURI().getPath();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		String id = exchange.getRequestHeaders().getFirst("webhook-id");
		String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
		String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
		boolean concurrent = id != null && !this.inFlight.add(id);
		if (concurrent) {
			this.overlaps.incrementAndGet();
		}
		try {
			Deque<Long> delay = this.delays.get(path);
			Long millis = (delay != null) ? delay.poll() : null;
			boolean valid = verify(path, id, timestamp, body, signature);
			Deque<Answer> queued = this.answers.get(path);
			Answer next = (queued != null) ? queued.poll() : null;
			int status = !valid ? 401 : (next != null) ? next.status() : 204;
			Received received = new Received(path, id, timestamp, body, signature, valid, status, Instant.now(),
					exchange.getRequestHeaders().getFirst("content-type"));
			if (millis != null) {
				Thread.sleep(millis);
			}
			if (!valid) {
				this.badSignatures.incrementAndGet();
			}
			else if (status >= 200 && status <= 299 && this.accepted.putIfAbsent(id, received) != null) {
				// seen before: acknowledged again, not processed again
				this.duplicates.incrementAndGet();
			}
			this.requests.add(received);
			String answer = (valid && next != null) ? next.body() : null;
			if (answer == null) {
				exchange.sendResponseHeaders(status, -1);
			}
			else {
				byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (id != null && !concurrent) {
				this.inFlight.remove(id);
			}
			exchange.close();
		}
	}

	/**
	 * Standard Webhooks 1.0.0, verifying side: the HMAC-SHA256 of
	 * {@code id.timestamp.body} under the base64-decoded secret after {@code whsec_},
	 * compared in constant time with each {@code v1,} signature of the space-separated
	 * header; the timestamp within 5 minutes of now.
	 */
	private boolean verify(String path, String id, String timestamp, String body, String header) {
		if (id == null || timestamp == null || header == null) {
			return false;
		}
		long seconds;
		try {
			seconds = Long.parseLong(timestamp);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		if (Math.abs(Instant.now().getEpochSecond() - seconds) > 300) {
			return false;
		}
		for (String secret : this.secrets.getOrDefault(path, List.of())) {
			byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
			for (String part : header.split(" ")) {
				String[] versioned = part.split(",", 2);
				if (versioned.length == 2 && versioned[0].equals("v1")
						&& MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
					return true;
				}
			}
		}
		return false;
	}

	/** Whether the path's signature header verifies with this one secret. */
	static boolean signedWith(Received received, String secret) {
		byte[] expected = hmac(secret, received.id() + "." + received.timestamp() + "." + received.body());
		List<byte[]> signatures = new ArrayList<>();
		for (String part : received.signature().split(" ")) {
			signatures.add(Base64.getDecoder().decode(part.substring("v1,".length())));
		}
		return signatures.stream().anyMatch((signature) -> MessageDigest.isEqual(expected, signature));
	}

	private static byte[] hmac(String secret, String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
			return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Answer(int status, @Nullable String body) {
	}

	record Received(String path, String id, String timestamp, String body, String signature, boolean valid, int status,
			Instant receivedAt, String contentType) {
	}

}
