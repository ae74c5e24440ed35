package io.liveguard.engine.live;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.LiveCaseRunner;
import io.liveguard.engine.rulepack.PackTests;
import io.liveguard.engine.session.LiveSession;
import org.jspecify.annotations.Nullable;

/**
 * Plays a pack's scripted lives (docs/lives.md, "Pack test cases"): the go-live check
 * with the case's penalties, then, when the live may start, each batch as one request of
 * signals to a fresh {@link LiveDecider}, exactly as {@code POST /api/v1/lives} and
 * {@code POST .../signals} would; then compares the answer, every action in order, and
 * the live's status and strikes with what the case expects. Found by the pack's test
 * runner through {@link java.util.ServiceLoader}.
 */
public final class LiveTestCases implements LiveCaseRunner {

	@Override
	public PackTests.PackTestResult run(CompiledPack pack, PackTests.LiveTestCase testCase, Instant at) {
		if (!Lives.supports(pack)) {
			return new PackTests.PackTestResult(testCase.path(), testCase.name(), false,
					List.of("the pack has no go-live and live rules (golive/*.drl, live/*.drl) to play a live with"),
					Set.of(), null, null);
		}
		List<String> problems = new ArrayList<>();
		List<Penalty> penalties = new ArrayList<>();
		LiveSession record = testCase.live();
		for (PackTests.Ban ban : testCase.penalties()) {
			PenaltyLevel level;
			try {
				level = PenaltyLevel.valueOf(ban.level());
			}
			catch (IllegalArgumentException ex) {
				problems.add("penalty level " + ban.level() + " is none of " + List.of(PenaltyLevel.values()));
				continue;
			}
			penalties
				.add(new Penalty("test-" + penalties.size(), record.sellerId(), level, ban.startsAt(), ban.endsAt(),
						ban.lifted(), 0, false, 0, LocalDate.ofInstant(ban.startsAt(), ZoneOffset.UTC), List.of()));
		}
		Lives lives = new Lives(pack);
		GoLive request = new GoLive(record.sessionId(), record.sellerId(), record.market(), record.startedAt(),
				record.host(), record.products());
		GoLiveAnswer answer = lives.check(request, penalties);
		Set<String> found = new TreeSet<>();
		answer.refusals().forEach((refusal) -> found.add(refusal.code()));
		answer.blockedProducts().forEach((note) -> found.add(note.code()));
		answer.notices().forEach((note) -> found.add(note.code()));
		PackTests.LiveExpectation expect = testCase.expect();
		compare(problems, "go-live status", expect.status(), answer.status().name());
		if (expect.refusals() != null) {
			compare(problems, "refusals", sorted(expect.refusals()),
					sorted(answer.refusals().stream().map(GoLiveAnswer.Refusal::code).toList()));
		}
		if (expect.blockedProducts() != null) {
			compare(problems, "blocked products", notes(expect.blockedProducts()), answered(answer.blockedProducts()));
		}
		if (expect.notices() != null) {
			compare(problems, "notices", notes(expect.notices()), answered(answer.notices()));
		}
		List<Action> actions = new ArrayList<>();
		LiveStatus status = answer.status();
		int strikes = 0;
		if (answer.status() == LiveStatus.REFUSED) {
			if (!testCase.batches().isEmpty()) {
				problems.add("the live was refused, so its " + testCase.batches().size()
						+ " request(s) of signals would be answered 409");
			}
		}
		else {
			try (LiveDecider decider = lives.open(request, answer)) {
				for (PackTests.Batch batch : testCase.batches()) {
					List<SequencedSignal> signals = new ArrayList<>();
					for (int i = 0; i < batch.signals().size(); i++) {
						signals.add(new SequencedSignal(batch.seqs().get(i), batch.signals().get(i)));
					}
					actions.addAll(decider.decide(signals, batch.viewers(), at).actions());
				}
				status = decider.status();
				strikes = decider.strikes();
			}
		}
		actions.forEach((action) -> found.add(action.level() + " " + action.code()));
		if (expect.actions() != null) {
			compareActions(problems, expect.actions(), actions);
		}
		compare(problems, "final status", expect.finalStatus(), status.name());
		if (expect.strikes() != null && expect.strikes() != strikes) {
			problems.add("strikes " + strikes + ", expected " + expect.strikes());
		}
		return new PackTests.PackTestResult(testCase.path(), testCase.name(), problems.isEmpty(), problems, found, null,
				null);
	}

	private static void compareActions(List<String> problems, List<PackTests.ExpectedAction> expected,
			List<Action> actions) {
		for (int i = 0; i < Math.max(expected.size(), actions.size()); i++) {
			if (i >= actions.size()) {
				problems.add("action " + (i + 1) + " " + describe(expected.get(i)) + " was not decided");
				continue;
			}
			Action action = actions.get(i);
			if (i >= expected.size()) {
				problems.add("action " + (i + 1) + " " + describe(action) + " was decided, not expected");
				continue;
			}
			PackTests.ExpectedAction want = expected.get(i);
			boolean same = matches(want.level(), action.level().name()) && matches(want.code(), action.code())
					&& (want.strikes() == null || want.strikes() == action.strikes())
					&& matches(want.severity(), action.severity().name())
					&& (want.at() == null || sameInstant(want.at(), action.at()));
			if (!same) {
				problems.add("action " + (i + 1) + " is " + describe(action) + ", expected " + describe(want));
			}
		}
	}

	private static boolean sameInstant(String expected, Instant actual) {
		try {
			return Instant.parse(expected).equals(actual);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean matches(@Nullable String expected, String actual) {
		return expected == null || expected.equals(actual);
	}

	private static String describe(Action action) {
		return action.level() + " " + action.code() + " (" + action.severity() + ", " + action.strikes()
				+ " strikes, at " + action.at() + ")";
	}

	private static String describe(PackTests.ExpectedAction action) {
		List<String> parts = new ArrayList<>();
		if (action.severity() != null) {
			parts.add(action.severity());
		}
		if (action.strikes() != null) {
			parts.add(action.strikes() + " strikes");
		}
		if (action.at() != null) {
			parts.add("at " + action.at());
		}
		return action.level() + " " + action.code() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
	}

	private static void compare(List<String> problems, String what, @Nullable Object expected, Object actual) {
		if (expected != null && !Objects.equals(expected, actual)) {
			problems.add(what + " " + actual + ", expected " + expected);
		}
	}

	private static List<String> sorted(List<String> codes) {
		return codes.stream().sorted().toList();
	}

	private static List<String> notes(List<PackTests.ProductNote> notes) {
		return notes.stream().map((note) -> note.sku() + " " + note.code()).sorted().toList();
	}

	private static List<String> answered(List<GoLiveAnswer.ProductNote> notes) {
		return notes.stream().map((note) -> note.sku() + " " + note.code()).sorted().toList();
	}

}
