package io.liveguard.engine.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.liveguard.engine.facts.live.GoLiveCheck;
import io.liveguard.engine.facts.live.GoLiveOutcome;
import io.liveguard.engine.facts.live.GoLiveProduct;
import io.liveguard.engine.facts.live.OutcomeKind;
import io.liveguard.engine.facts.live.SellerBan;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.session.Product;
import org.kie.api.KieBase;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;

/**
 * The lives of one market's rule pack: the go-live check and a decider for each live that
 * may start. Thread safe; each {@link LiveDecider} is used by one thread at a time (the
 * caller serialises a live's requests, as it stores them in order).
 */
public final class Lives {

	private final CompiledPack pack;

	private final KieBase goLiveRules;

	private final LiveSessions liveSessions;

	/** The lives of {@code pack}, which must have go-live and live rules. */
	public Lives(CompiledPack pack) {
		this.pack = pack;
		this.goLiveRules = pack.goLiveRules()
			.orElseThrow(() -> new IllegalArgumentException(
					"Rule pack " + pack.ref() + " has no go-live rules (golive/*.drl)"));
		this.liveSessions = new LiveSessions(pack.liveRules()
			.orElseThrow(
					() -> new IllegalArgumentException("Rule pack " + pack.ref() + " has no live rules (live/*.drl)")));
	}

	/** Whether {@code pack} can check and judge lives. */
	public static boolean supports(CompiledPack pack) {
		return pack.goLiveRules().isPresent() && pack.liveRules().isPresent();
	}

	public CompiledPack pack() {
		return this.pack;
	}

	/**
	 * The go-live check: the pack's go-live rules weigh the request and the seller's
	 * penalties (the caller passes those that may cover {@code startedAt}; the rules
	 * decide whether one does).
	 */
	public GoLiveAnswer check(GoLive request, List<Penalty> penalties) {
		KieSession session = this.goLiveRules.newKieSession();
		try {
			session.insert(this.pack.settings());
			session.insert(new GoLiveCheck(request.liveId(), request.sellerId(), request.market(), request.startedAt(),
					request.host().hostId(), request.host().identityVerified()));
			for (Product product : request.products()) {
				session.insert(new GoLiveProduct(product.sku(), product.category(), product.adConfirmationId(),
						product.declaredOrigin(), product.verifiedOrigin()));
			}
			for (Penalty penalty : penalties) {
				session.insert(
						new SellerBan(penalty.level().name(), penalty.startsAt(), penalty.endsAt(), penalty.lifted()));
			}
			int fired = session.fireAllRules(CompiledPack.MAX_FIRINGS);
			if (fired >= CompiledPack.MAX_FIRINGS) {
				throw new IllegalStateException("Rule pack " + this.pack.ref() + " fired " + fired
						+ " go-live rules for live " + request.liveId() + " without settling");
			}
			List<GoLiveOutcome> outcomes = new ArrayList<>();
			for (Object outcome : session.getObjects(new ClassObjectFilter(GoLiveOutcome.class))) {
				outcomes.add((GoLiveOutcome) outcome);
			}
			// rules fire in no promised order: the answer lists by code, then product,
			// then detail
			outcomes.sort(Comparator.comparing(GoLiveOutcome::getCode)
				.thenComparing((outcome) -> String.valueOf(outcome.getSku()))
				.thenComparing(GoLiveOutcome::getDetail));
			List<GoLiveAnswer.Refusal> refusals = new ArrayList<>();
			List<GoLiveAnswer.ProductNote> blocked = new ArrayList<>();
			List<GoLiveAnswer.ProductNote> notices = new ArrayList<>();
			for (GoLiveOutcome outcome : outcomes) {
				if (outcome.getKind() == OutcomeKind.REFUSAL) {
					GoLiveAnswer.Refusal refusal = new GoLiveAnswer.Refusal(outcome.getCode(), outcome.getDetail());
					if (!refusals.contains(refusal)) {
						refusals.add(refusal);
					}
				}
				else {
					GoLiveAnswer.ProductNote note = new GoLiveAnswer.ProductNote(String.valueOf(outcome.getSku()),
							outcome.getCode(), outcome.getDetail());
					(outcome.getKind() == OutcomeKind.NOTICE ? notices : blocked).add(note);
				}
			}
			return new GoLiveAnswer(request.liveId(), refusals.isEmpty() ? LiveStatus.OPEN : LiveStatus.REFUSED,
					refusals, blocked, notices, this.pack.ref());
		}
		finally {
			session.dispose();
		}
	}

	/**
	 * A decider for a live the go-live check let start. To rebuild a live's state (after
	 * a restart), open a new one and pass it the stored signals in the order they
	 * arrived, each request's with its {@code viewers}: it decides the same actions with
	 * the same ids.
	 */
	public LiveDecider open(GoLive request, GoLiveAnswer answer) {
		if (answer.status() == LiveStatus.REFUSED) {
			throw new IllegalArgumentException("Live " + request.liveId() + " was refused: " + answer.refusals());
		}
		if (!answer.liveId().equals(request.liveId())) {
			throw new IllegalArgumentException(
					"The answer is for live " + answer.liveId() + ", not " + request.liveId());
		}
		return new LiveDecider(this.pack, this.liveSessions, request, answer.blockedSkus());
	}

}
