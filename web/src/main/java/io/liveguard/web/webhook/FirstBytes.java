package io.liveguard.web.webhook;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * Reads the first bytes of an answer's body, as text, and stops there: a receiver's
 * answer is kept to show what it said, never read whole (it may be large, or never end).
 * Bytes that are not UTF-8 become U+FFFD, and so does NUL (PostgreSQL text refuses it). A
 * body that breaks off keeps what arrived: the status decides the attempt, not the body.
 */
final class FirstBytes implements HttpResponse.BodySubscriber<String> {

	private final int limit;

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final CompletableFuture<String> result = new CompletableFuture<>();

	private Flow.@Nullable Subscription subscription;

	FirstBytes(int limit) {
		this.limit = limit;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(1);
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		for (ByteBuffer item : items) {
			int take = Math.min(item.remaining(), this.limit - this.bytes.size());
			byte[] chunk = new byte[take];
			item.get(chunk);
			this.bytes.write(chunk, 0, take);
		}
		Flow.Subscription current = this.subscription;
		if (this.bytes.size() >= this.limit) {
			if (current != null) {
				current.cancel();
			}
			complete();
		}
		else if (current != null) {
			current.request(1);
		}
	}

	@Override
	public void onError(Throwable throwable) {
		complete();
	}

	@Override
	public void onComplete() {
		complete();
	}

	@Override
	public CompletionStage<String> getBody() {
		return this.result;
	}

	private void complete() {
		if (!this.result.isDone()) {
			this.result.complete(new String(this.bytes.toByteArray(), StandardCharsets.UTF_8).replace('\0', '\uFFFD'));
		}
	}

}
