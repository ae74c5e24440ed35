package io.liveguard.batch.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What becomes of each session of a chunk (a bulk import's, an NDJSON batch's), taken in
 * order as if each had been sent on its own to {@code POST /api/v1/sessions}: new, a
 * duplicate of a stored session (or of an earlier one of the chunk) with the same
 * content, a conflict with different content, or a conflict with a live of that id that
 * has not ended. One look-up of the chunk's ids and one of its live ids.
 */
public final class ChunkArrivals {

	private ChunkArrivals() {
	}

	/**
	 * The arrival of each of {@code items}, in their order.
	 * @param id a session's id
	 * @param contentHash its content hash ({@code SessionCodec.contentHash})
	 */
	public static <T> List<Arrival> of(SessionStore store, List<T> items, Function<T, String> id,
			Function<T, String> contentHash) {
		Set<String> ids = new LinkedHashSet<>();
		items.forEach((item) -> ids.add(id.apply(item)));
		Map<String, String> known = new HashMap<>(store.contentHashes(ids));
		Map<String, String> lives = store.openLiveStatuses(ids);
		List<Arrival> arrivals = new ArrayList<>(items.size());
		for (T item : items) {
			String sessionId = id.apply(item);
			String hash = known.get(sessionId);
			String live = lives.get(sessionId);
			if (hash == null && live != null) {
				arrivals.add(new Arrival(Kind.LIVE_CONFLICT, live));
			}
			else if (hash == null) {
				known.put(sessionId, contentHash.apply(item));
				arrivals.add(new Arrival(Kind.NEW, null));
			}
			else if (hash.equals(contentHash.apply(item))) {
				arrivals.add(new Arrival(Kind.DUPLICATE, null));
			}
			else {
				arrivals.add(new Arrival(Kind.CONFLICT, null));
			}
		}
		return arrivals;
	}

	/** What a session's arrival is. */
	public enum Kind {

		NEW, DUPLICATE, CONFLICT, LIVE_CONFLICT

	}

	/**
	 * A session's arrival; with {@link Kind#LIVE_CONFLICT}, the status of the live that
	 * holds its id.
	 */
	public record Arrival(Kind kind, @Nullable String liveStatus) {
	}

}
