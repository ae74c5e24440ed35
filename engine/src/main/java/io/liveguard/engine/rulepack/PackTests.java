package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.engine.session.Signal;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A pack's own test cases: files {@code tests/*.json} of the pack, each a session with
 * what the pack must make of it, run against a compiled version, so a draft shows at once
 * what its change breaks. <pre>
 * {"name": "a cure claim without confirmation",
 *  "session": { ...a session record (session-format.md)... },
 *  "priorSales": [{"sessionId": "...", "startedAt": "...", "sku": "...", "livePrice": 1000}],   (optional)
 *  "expect": {"findings": ["MISLEADING_HEALTH_CLAIM"], "absent": ["FAKE_DISCOUNT"],
 *             "contentScore": 90, "violationPoints": 12}}                                     (each optional)
 * </pre> or a scripted live (docs/lives.md, "Pack test cases"): a go-live request, the
 * seller's penalties, requests of signals, and the answer and actions expected <pre>
 * {"name": "a third strike stops the live",
 *  "live": { ...a go-live request (live.md)... },
 *  "penalties": [{"level": "BAN_7D", "startsAt": "...", "endsAt": "...", "lifted": false}],  (optional)
 *  "batches": [{"signals": [{"seq": 1, "at": "...", "type": "MODERATION_FLAG", ...}], "viewers": 420}],
 *  "expect": {"status": "OPEN", "refusals": [], "blockedProducts": [{"sku": "p-2", "code": "FALSE_ORIGIN"}],
 *             "notices": [], "actions": [{"level": "WARN", "code": "...", "strikes": 2, "at": "..."}],
 *             "finalStatus": "STOPPED", "strikes": 3}}                                        (each optional)
 * </pre>
 */
public final class PackTests {

	public static final String FOLDER = "tests/";

	/** The most requests of signals a scripted live may send. */
	static final int MAX_BATCHES = 1_000;

	private final SessionCodec codec;

	private final @Nullable LiveCaseRunner lives;

	/**
	 * Test cases run with the lives feature found on the class path (a scripted live
	 * fails when there is none).
	 */
	public PackTests(SessionCodec codec) {
		this(codec,
				ServiceLoader.load(LiveCaseRunner.class, PackTests.class.getClassLoader()).findFirst().orElse(null));
	}

	public PackTests(SessionCodec codec, @Nullable LiveCaseRunner lives) {
		this.codec = codec;
		this.lives = lives;
	}

	/** The test cases among the pack's files, or the errors that make them unreadable. */
	public List<Case> cases(RulePackSource source, List<PackError> errors) {
		List<Case> cases = new ArrayList<>();
		for (PackFile file : source.files()) {
			if (file.path().startsWith(FOLDER) && file.path().endsWith(".json")) {
				Case testCase = read(file.path(), file.content(), errors);
				if (testCase != null) {
					cases.add(testCase);
				}
			}
		}
		return cases;
	}

	/** Reads one test case; a problem becomes an error of {@code path}. */
	public @Nullable Case read(String path, String json, List<PackError> errors) {
		JsonNode node;
		try {
			node = this.codec.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			errors.add(new PackError(path, (ex.getLocation() == null) ? 0 : ex.getLocation().getLineNr(),
					"not JSON: " + ex.getOriginalMessage()));
			return null;
		}
		if (node.isObject() && node.has("live") && node.has("expect") && !node.has("session")) {
			return readLive(path, node, errors);
		}
		if (!node.isObject() || !node.has("session") || !node.has("expect")) {
			errors.add(new PackError(path, 1, "a test case is {\"name\", \"session\", \"expect\"}"
					+ " or, for a scripted live, {\"name\", \"live\", \"batches\", \"expect\"}"));
			return null;
		}
		String name = node.has("name") ? node.get("name").asString() : path;
		LiveSession session;
		try {
			session = this.codec.read(this.codec.mapper().writeValueAsString(node.get("session")));
		}
		catch (InvalidSessionException ex) {
			errors.add(new PackError(path, 0, "session: " + ex.getMessage()));
			return null;
		}
		List<SellerHistory.PriorSale> sales = new ArrayList<>();
		if (node.has("priorSales")) {
			for (JsonNode sale : node.get("priorSales")) {
				sales.add(new SellerHistory.PriorSale(sale.get("sessionId").asString(),
						Instant.parse(sale.get("startedAt").asString()), sale.get("sku").asString(),
						sale.get("livePrice").asLong()));
			}
		}
		JsonNode expect = node.get("expect");
		return new PackTestCase(path, name, session, new SellerHistory(sales), codes(expect.get("findings")),
				codes(expect.get("absent")),
				expect.has("contentScore") ? Integer.valueOf(expect.get("contentScore").asInt()) : null,
				expect.has("violationPoints") ? Integer.valueOf(expect.get("violationPoints").asInt()) : null);
	}

	/** Scores every case with the pack (or plays it, a scripted live) and compares. */
	public List<PackTestResult> run(CompiledPack pack, List<? extends Case> cases, Instant at) {
		List<PackTestResult> results = new ArrayList<>();
		for (Case testCase : cases) {
			if (testCase instanceof PackTestCase session) {
				results.add(run(pack, session, at));
			}
			else {
				results.add(run(pack, (LiveTestCase) testCase, at));
			}
		}
		return results;
	}

	private PackTestResult run(CompiledPack pack, LiveTestCase testCase, Instant at) {
		if (this.lives == null) {
			return new PackTestResult(testCase.path(), testCase.name(), false,
					List.of("scripted lives cannot run here: the lives feature is missing"), Set.of(), null, null);
		}
		try {
			return this.lives.run(pack, testCase, at);
		}
		catch (RuntimeException ex) {
			return new PackTestResult(testCase.path(), testCase.name(), false,
					List.of("the live failed: " + ex.getMessage()), Set.of(), null, null);
		}
	}

	/**
	 * A scripted live: the go-live request is read as a session record would be (its
	 * {@code liveId} as {@code sessionId}), and every batch's signals as that record's
	 * signals, so a case holds only what {@code POST /api/v1/lives} would accept.
	 */
	private @Nullable LiveTestCase readLive(String path, JsonNode node, List<PackError> errors) {
		String name = node.has("name") ? node.get("name").asString() : path;
		JsonNode live = node.get("live");
		JsonNode batches = node.has("batches") ? node.get("batches") : this.codec.mapper().createArrayNode();
		int before = errors.size();
		if (!live.isObject()) {
			errors.add(new PackError(path, 0, "live: must be a go-live request (live.md)"));
		}
		if (!batches.isArray() || batches.size() > MAX_BATCHES) {
			errors.add(new PackError(path, 0, "batches: must be an array of at most " + MAX_BATCHES
					+ " requests of signals, each {\"signals\": [...], \"viewers\": n}"));
		}
		if (errors.size() > before) {
			return null;
		}
		ObjectNode record = this.codec.mapper().createObjectNode();
		live.properties()
			.forEach((field) -> record.set(field.getKey().equals("liveId") ? "sessionId" : field.getKey(),
					field.getValue()));
		if (live.has("sessionId")) {
			errors.add(new PackError(path, 0, "live.sessionId: a go-live request names its liveId"));
			return null;
		}
		JsonNode startedAt = live.get("startedAt");
		record.put("endedAt", plusMaxLength(startedAt));
		ObjectNode stats = record.putObject("stats");
		for (String stat : List.of("peakViewers", "avgViewers", "comments", "commentsAnswered", "orders",
				"viewerReports")) {
			stats.put(stat, 0);
		}
		ArrayNode signals = record.putArray("signals");
		List<List<Long>> seqs = new ArrayList<>();
		List<@Nullable Long> viewers = new ArrayList<>();
		for (int b = 0; b < batches.size(); b++) {
			JsonNode batch = batches.get(b);
			String at = "batches[" + b + "]";
			if (!batch.isObject() || !batch.has("signals") || !batch.get("signals").isArray()) {
				errors.add(new PackError(path, 0, at + ": must be {\"signals\": [...], \"viewers\": n}"));
				return null;
			}
			JsonNode sent = batch.get("viewers");
			if (sent != null && !sent.isNull()
					&& (!sent.isIntegralNumber() || !sent.canConvertToLong() || sent.longValue() < 0)) {
				errors.add(new PackError(path, 0, at + ".viewers: must be a non-negative integer"));
				return null;
			}
			viewers.add((sent == null || sent.isNull()) ? null : sent.longValue());
			List<Long> batchSeqs = new ArrayList<>();
			JsonNode given = batch.get("signals");
			for (int i = 0; i < given.size(); i++) {
				JsonNode signal = given.get(i);
				JsonNode seq = signal.get("seq");
				if (!signal.isObject() || seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()
						|| seq.longValue() <= 0) {
					errors.add(new PackError(path, 0, at + ".signals[" + i + "].seq: must be a positive integer"));
					return null;
				}
				batchSeqs.add(seq.longValue());
				ObjectNode copy = ((ObjectNode) signal).deepCopy();
				copy.remove("seq");
				signals.add(copy);
			}
			seqs.add(batchSeqs);
		}
		LiveSession session;
		try {
			session = this.codec.read(this.codec.mapper().writeValueAsString(record));
		}
		catch (InvalidSessionException ex) {
			errors.add(new PackError(path, 0, "live: " + ex.getMessage()));
			return null;
		}
		List<Batch> read = new ArrayList<>();
		int next = 0;
		for (int b = 0; b < seqs.size(); b++) {
			List<Signal> batchSignals = session.signals().subList(next, next + seqs.get(b).size());
			next += seqs.get(b).size();
			read.add(new Batch(seqs.get(b), batchSignals, viewers.get(b)));
		}
		List<Ban> bans = new ArrayList<>();
		if (node.has("penalties")) {
			JsonNode penalties = node.get("penalties");
			for (int i = 0; i < penalties.size(); i++) {
				JsonNode penalty = penalties.get(i);
				try {
					bans.add(new Ban(penalty.get("level").asString(), Instant.parse(penalty.get("startsAt").asString()),
							(penalty.get("endsAt") == null || penalty.get("endsAt").isNull()) ? null
									: Instant.parse(penalty.get("endsAt").asString()),
							penalty.has("lifted") && penalty.get("lifted").asBoolean()));
				}
				catch (RuntimeException ex) {
					errors.add(new PackError(path, 0, "penalties[" + i
							+ "]: must be {\"level\", \"startsAt\", \"endsAt\" (null: permanent), \"lifted\"}"));
					return null;
				}
			}
		}
		JsonNode expect = node.get("expect");
		List<ExpectedAction> actions = null;
		if (expect.has("actions")) {
			actions = new ArrayList<>();
			for (JsonNode action : expect.get("actions")) {
				actions.add(new ExpectedAction(text(action, "level"), text(action, "code"),
						action.has("strikes") ? Integer.valueOf(action.get("strikes").asInt()) : null,
						text(action, "severity"), text(action, "at")));
			}
		}
		LiveExpectation expectation = new LiveExpectation(text(expect, "status"),
				expect.has("refusals") ? codes(expect.get("refusals")) : null, notes(expect.get("blockedProducts")),
				notes(expect.get("notices")), actions, text(expect, "finalStatus"),
				expect.has("strikes") ? Integer.valueOf(expect.get("strikes").asInt()) : null);
		return new LiveTestCase(path, name, session, bans, read, expectation);
	}

	private static String plusMaxLength(@Nullable JsonNode startedAt) {
		if (startedAt != null && startedAt.isString()) {
			try {
				return Instant.parse(startedAt.asString()).plus(LiveSession.MAX_LENGTH).toString();
			}
			catch (RuntimeException ex) {
				return startedAt.asString();
			}
		}
		return "";
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	private static @Nullable List<ProductNote> notes(@Nullable JsonNode node) {
		if (node == null) {
			return null;
		}
		List<ProductNote> notes = new ArrayList<>();
		node.forEach((note) -> notes
			.add(new ProductNote(String.valueOf(text(note, "sku")), String.valueOf(text(note, "code")))));
		return notes;
	}

	private static PackTestResult run(CompiledPack pack, PackTestCase testCase, Instant at) {
		ScoreCard card;
		try {
			card = pack.score(testCase.session(), testCase.history(), at);
		}
		catch (RuntimeException ex) {
			return new PackTestResult(testCase.path(), testCase.name(), false,
					List.of("scoring failed: " + ex.getMessage()), Set.of(), null, null);
		}
		Set<String> found = new TreeSet<>(card.findings().stream().map(Finding::code).toList());
		List<String> problems = new ArrayList<>();
		for (String code : testCase.findings()) {
			if (!found.contains(code)) {
				problems.add("expected finding " + code + " is missing");
			}
		}
		for (String code : testCase.absent()) {
			if (found.contains(code)) {
				problems.add("finding " + code + " should be absent");
			}
		}
		if (testCase.contentScore() != null && testCase.contentScore() != card.contentScore()) {
			problems.add("content score " + card.contentScore() + ", expected " + testCase.contentScore());
		}
		if (testCase.violationPoints() != null && testCase.violationPoints() != card.violationPoints()) {
			problems.add("violation points " + card.violationPoints() + ", expected " + testCase.violationPoints());
		}
		return new PackTestResult(testCase.path(), testCase.name(), problems.isEmpty(), problems, found,
				card.contentScore(), card.violationPoints());
	}

	private static List<String> codes(@Nullable JsonNode node) {
		List<String> codes = new ArrayList<>();
		if (node != null) {
			node.forEach((code) -> codes.add(code.asString()));
		}
		return codes;
	}

	/** A test case: a session to score or a live to play. */
	public sealed interface Case permits PackTestCase, LiveTestCase {

		/** Its file, or {@code cases[i]} for one given with the request. */
		String path();

		/** What it shows. */
		String name();

	}

	/**
	 * One test case of a session.
	 *
	 * @param path its file
	 * @param name what it shows
	 * @param session the session to score
	 * @param history the seller's earlier prices the rules see
	 * @param findings codes that must be found
	 * @param absent codes that must not be found
	 * @param contentScore the expected content score, if any
	 * @param violationPoints the expected points, if any
	 */
	public record PackTestCase(String path, String name, LiveSession session, SellerHistory history,
			List<String> findings, List<String> absent, @Nullable Integer contentScore,
			@Nullable Integer violationPoints) implements Case {
	}

	/**
	 * A scripted live.
	 *
	 * @param path its file
	 * @param name what it shows
	 * @param live the go-live request read as a session record ({@code sessionId} is the
	 * {@code liveId}; its signals are every batch's, in order)
	 * @param penalties the seller's penalties the go-live check sees
	 * @param batches the requests of signals, in the order they are sent
	 * @param expect what the pack must answer and decide
	 */
	public record LiveTestCase(String path, String name, LiveSession live, List<Ban> penalties, List<Batch> batches,
			LiveExpectation expect) implements Case {

		public LiveTestCase {
			penalties = List.copyOf(penalties);
			batches = List.copyOf(batches);
		}

	}

	/**
	 * A penalty of the seller of a scripted live.
	 *
	 * @param level a penalty level (BAN_3D, BAN_7D, BAN_30D, PERMANENT)
	 * @param endsAt exclusive, null for a permanent one
	 */
	public record Ban(String level, Instant startsAt, @Nullable Instant endsAt, boolean lifted) {
	}

	/**
	 * One request of signals of a scripted live.
	 *
	 * @param seqs each signal's {@code seq}
	 * @param signals the signals, as sent
	 * @param viewers the viewers sent with them, if any
	 */
	public record Batch(List<Long> seqs, List<Signal> signals, @Nullable Long viewers) {

		public Batch {
			seqs = List.copyOf(seqs);
			signals = List.copyOf(signals);
		}

	}

	/**
	 * What a scripted live must give; each part is checked only when given.
	 *
	 * @param status the go-live answer's status, OPEN or REFUSED
	 * @param refusals the refusals' codes, exactly (any order)
	 * @param blockedProducts the blocked products, exactly (any order)
	 * @param notices the notices, exactly (any order)
	 * @param actions every action the batches decide, in order
	 * @param finalStatus the live's status after the last batch, OPEN or STOPPED
	 * @param strikes its strikes after the last batch
	 */
	public record LiveExpectation(@Nullable String status, @Nullable List<String> refusals,
			@Nullable List<ProductNote> blockedProducts, @Nullable List<ProductNote> notices,
			@Nullable List<ExpectedAction> actions, @Nullable String finalStatus, @Nullable Integer strikes) {
	}

	/** A blocked product or a notice: its sku and code. */
	public record ProductNote(String sku, String code) {
	}

	/**
	 * An action a scripted live must decide: its level and code, and its strikes,
	 * severity and {@code at} when given.
	 */
	public record ExpectedAction(@Nullable String level, @Nullable String code, @Nullable Integer strikes,
			@Nullable String severity, @Nullable String at) {
	}

	/**
	 * What a test case gave.
	 *
	 * @param passed whether everything expected held
	 * @param problems what did not
	 * @param found the finding codes the pack made; for a scripted live, the codes of its
	 * go-live answer and each action as {@code LEVEL CODE}
	 */
	public record PackTestResult(String path, String name, boolean passed, List<String> problems, Set<String> found,
			@Nullable Integer contentScore, @Nullable Integer violationPoints) {
	}

}
