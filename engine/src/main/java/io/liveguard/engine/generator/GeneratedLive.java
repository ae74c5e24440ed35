package io.liveguard.engine.generator;

import java.util.List;
import java.util.Set;

import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.SequencedSignal;
import org.jspecify.annotations.Nullable;

/**
 * One generated live: its go-live request and the requests of signals a platform would
 * send, in the order it sends them (duplicates and late signals included, some requests
 * out of {@code at} order).
 *
 * @param request the go-live request
 * @param requests the signal requests, in arrival order
 * @param planted the codes of policy section 4 the generator set up on purpose
 * (violations and reminders); empty for a clean live. Whether they count, repeat or come
 * after a STOP is the deciders' business.
 */
public record GeneratedLive(GoLive request, List<Request> requests, Set<String> planted) {

	public GeneratedLive {
		requests = List.copyOf(requests);
		planted = Set.copyOf(planted);
	}

	/** Every signal sent, duplicates included. */
	public int signalCount() {
		return this.requests.stream().mapToInt((request) -> request.signals().size()).sum();
	}

	/**
	 * One {@code POST .../signals}.
	 *
	 * @param signals its signals, in the order sent
	 * @param viewers the viewers it sent, if any
	 */
	public record Request(List<SequencedSignal> signals, @Nullable Long viewers) {

		public Request {
			signals = List.copyOf(signals);
		}

	}

}
