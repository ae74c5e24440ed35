package io.liveguard.web.rulepack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.liveguard.engine.DomainException;
import io.liveguard.engine.ScoringEngine;
import io.liveguard.engine.rulepack.CompiledPack;
import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackFile;
import io.liveguard.engine.rulepack.PackTests;
import io.liveguard.engine.rulepack.RulePackRegistry;
import io.liveguard.engine.rulepack.RulePackSource;
import io.liveguard.engine.rulepack.worker.DraftReply;
import io.liveguard.engine.rulepack.worker.DraftRequest;
import io.liveguard.engine.rulepack.worker.DraftWorker;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.stereotype.Service;

/**
 * Compiles drafts and runs test cases in a child JVM ({@link ChildJvm},
 * {@link DraftWorker}), never in the server: a draft's DRL and an analyst's test sessions
 * are untrusted, and a loop inside a condition, a join over millions of tuples or a
 * catastrophic pattern cannot be stopped from inside the JVM that runs them. A check that
 * runs past the time limit or out of heap answers 422 naming the step it was on.
 * Published versions are activated in the server as before.
 */
@Service
class DraftChecks {

	/**
	 * The worker logs warnings only, and to standard error: standard output carries its
	 * replies.
	 */
	private static final String WORKER_LOGGING = "-Dlogback.configurationFile=io/liveguard/engine/rulepack/worker/logback.xml";

	private static final Logger log = LoggerFactory.getLogger(DraftChecks.class);

	private final ChildJvm jvm;

	private final DraftCheckProperties limits;

	/**
	 * Content hashes of files that compiled in a child: compiling is a function of the
	 * files, so a save of files checked before (a save that changed nothing) does not
	 * start another JVM.
	 */
	private final Cache<String, Boolean> compiled = Caffeine.newBuilder()
		.maximumSize(1_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	/**
	 * The server's time budget per session, which test cases score under in the child as
	 * well.
	 */
	private final Duration scoringTimeBudget;

	/**
	 * The versions the server itself compiled and scores with: their files compiled with
	 * the same compiler and sandbox as a child's.
	 */
	private final RulePackRegistry active;

	DraftChecks(DraftCheckProperties limits, RulePackProperties packs, ScoringEngine engine) {
		this.limits = limits;
		this.scoringTimeBudget = packs.scoringTimeBudget();
		this.active = engine.registry();
		this.jvm = new ChildJvm(limits);
	}

	/**
	 * Compiles the files, or throws {@link RulePackLifecycle.DraftRejectedException} with
	 * every error.
	 */
	void compile(String packId, int version, List<PackFile> files) {
		String hash = new RulePackSource(packId, version, files).contentHash();
		if (this.compiled.getIfPresent(hash) != null || isActive(hash)) {
			return;
		}
		DraftReply reply = check(new DraftRequest(DraftRequest.Task.COMPILE, packId, version, files, List.of(),
				Instant.EPOCH, this.scoringTimeBudget));
		if (reply instanceof DraftReply.Rejected rejected) {
			throw new RulePackLifecycle.DraftRejectedException(packId, rejected.errors());
		}
		if (!(reply instanceof DraftReply.Compiled)) {
			throw unexpected(packId, reply);
		}
		this.compiled.put(hash, Boolean.TRUE);
	}

	/**
	 * Whether these are the files of a version the server scores with (an unchanged copy
	 * of the active version, the first step of most edits): the server compiled them when
	 * it activated that version.
	 */
	private boolean isActive(String hash) {
		for (CompiledPack pack : this.active.all()) {
			if (pack.source().contentHash().equals(hash)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Compiles the files and runs their test cases and the given ones (JSON text each),
	 * stamping score cards with {@code at}.
	 */
	List<PackTests.PackTestResult> test(String packId, int version, List<PackFile> files, List<String> cases,
			Instant at) {
		DraftReply reply = check(
				new DraftRequest(DraftRequest.Task.TEST, packId, version, files, cases, at, this.scoringTimeBudget));
		if (reply instanceof DraftReply.Tested tested) {
			return tested.results();
		}
		if (reply instanceof DraftReply.BadCases bad) {
			throw new InvalidTestCases(bad.errors());
		}
		if (reply instanceof DraftReply.Rejected rejected) {
			throw new RulePackLifecycle.DraftRejectedException(packId, rejected.errors());
		}
		throw unexpected(packId, reply);
	}

	private DraftReply check(DraftRequest request) {
		ChildJvm.Run run;
		try {
			run = this.jvm.run(DraftWorker.class.getName(), List.of(WORKER_LOGGING),
					DraftWorker.JSON.writeValueAsBytes(request));
		}
		catch (ChildJvm.Busy ex) {
			throw new DraftChecksBusy(request.packId(), this.limits.concurrent());
		}
		String step = "starting the check";
		@Nullable DraftReply outcome = null;
		for (String line : run.lines()) {
			DraftReply reply = parse(line);
			if (reply instanceof DraftReply.Step started) {
				step = started.what();
			}
			else if (reply != null) {
				outcome = reply;
			}
		}
		log.info("Checked rule pack {} v{} ({}) in a child JVM: {} in {} ms", request.packId(), request.version(),
				request.task(), (outcome != null) ? outcome.getClass().getSimpleName() : run.ending(),
				run.took().toMillis());
		switch (run.ending()) {
			case TIMED_OUT -> throw new DraftStoppedException(request.packId(), step,
					"ran longer than " + seconds(this.limits.timeLimit()));
			case TOO_MUCH_OUTPUT -> throw new DraftStoppedException(request.packId(), step,
					"answered more than " + this.limits.maxReply().toMegabytes() + " MB");
			case EXITED -> {
				if (outcome != null) {
					return outcome;
				}
				if (run.exitCode() == ChildJvm.OUT_OF_MEMORY) {
					throw new DraftStoppedException(request.packId(), step,
							"ran out of memory (" + this.limits.heap().toMegabytes() + " MB)");
				}
				log.warn("The draft check of {} v{} ended with status {} and no answer: {}", request.packId(),
						request.version(), run.exitCode(), run.errorTail());
				throw new DraftStoppedException(request.packId(), step,
						"ended without an answer (exit status " + run.exitCode() + ")");
			}
		}
		throw new IllegalStateException("unreachable");
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static @Nullable DraftReply parse(String line) {
		// the JVM itself may print a line (such as its OutOfMemoryError notice): only the
		// worker's count
		if (!line.startsWith("{")) {
			return null;
		}
		try {
			return DraftWorker.JSON.readValue(line, DraftReply.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static DraftCheckFailed unexpected(String packId, DraftReply reply) {
		return new DraftCheckFailed(packId,
				(reply instanceof DraftReply.Failed failed) ? failed.message() : String.valueOf(reply));
	}

	/**
	 * A check killed at a limit: unprocessable, naming the step it was on ("compiling",
	 * or a test case).
	 */
	static final class DraftStoppedException extends DomainException {

		private final String step;

		DraftStoppedException(String packId, String step, String why) {
			super(Kind.UNPROCESSABLE, "Draft check stopped",
					"rule pack '" + packId + "': " + step + " " + why + " and was stopped");
			this.step = step;
		}

		@Override
		public Map<String, Object> properties() {
			return Map.of("stopped", this.step);
		}

	}

}
