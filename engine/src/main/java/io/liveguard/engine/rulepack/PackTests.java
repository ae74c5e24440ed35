package io.liveguard.engine.rulepack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.scoring.Finding;
import io.liveguard.engine.scoring.ScoreCard;
import io.liveguard.engine.scoring.SellerHistory;
import io.liveguard.engine.session.InvalidSessionException;
import io.liveguard.engine.session.LiveSession;
import io.liveguard.engine.session.SessionCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A pack's own test cases: files {@code tests/*.json} of the pack, each a session with
 * what the pack must make of it, run against a compiled version, so a draft shows at once
 * what its change breaks. <pre>
 * {"name": "a cure claim without confirmation",
 *  "session": { ...a session record (session-format.md)... },
 *  "priorSales": [{"sessionId": "...", "startedAt": "...", "sku": "...", "livePrice": 1000}],   (optional)
 *  "expect": {"findings": ["MISLEADING_HEALTH_CLAIM"], "absent": ["FAKE_DISCOUNT"],
 *             "contentScore": 90, "violationPoints": 12}}                                     (each optional)
 * </pre>
 */
public final class PackTests {

	public static final String FOLDER = "tests/";

	private final SessionCodec codec;

	public PackTests(SessionCodec codec) {
		this.codec = codec;
	}

	/** The test cases among the pack's files, or the errors that make them unreadable. */
	public List<PackTestCase> cases(RulePackSource source, List<PackError> errors) {
		List<PackTestCase> cases = new ArrayList<>();
		for (PackFile file : source.files()) {
			if (file.path().startsWith(FOLDER) && file.path().endsWith(".json")) {
				PackTestCase testCase = read(file.path(), file.content(), errors);
				if (testCase != null) {
					cases.add(testCase);
				}
			}
		}
		return cases;
	}

	/** Reads one test case; a problem becomes an error of {@code path}. */
	public @Nullable PackTestCase read(String path, String json, List<PackError> errors) {
		JsonNode node;
		try {
			node = this.codec.mapper().readTree(json);
		}
		catch (JacksonException ex) {
			errors.add(new PackError(path, (ex.getLocation() == null) ? 0 : ex.getLocation().getLineNr(),
					"not JSON: " + ex.getOriginalMessage()));
			return null;
		}
		if (!node.isObject() || !node.has("session") || !node.has("expect")) {
			errors.add(new PackError(path, 1, "a test case is {\"name\", \"session\", \"expect\"}"));
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

	/** Scores every case with the pack and compares. */
	public List<PackTestResult> run(CompiledPack pack, List<PackTestCase> cases, Instant at) {
		List<PackTestResult> results = new ArrayList<>();
		for (PackTestCase testCase : cases) {
			results.add(run(pack, testCase, at));
		}
		return results;
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

	/**
	 * One test case.
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
			@Nullable Integer violationPoints) {
	}

	/**
	 * What a test case gave.
	 *
	 * @param passed whether everything expected held
	 * @param problems what did not
	 * @param found the finding codes the pack made
	 */
	public record PackTestResult(String path, String name, boolean passed, List<String> problems, Set<String> found,
			@Nullable Integer contentScore, @Nullable Integer violationPoints) {
	}

}
