package io.liveguard.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackTests;
import io.liveguard.engine.session.SessionCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default pack's scripted lives ({@code tests/live-*.json}, docs/lives.md "Pack test
 * cases") pass against it, cover every row of policy section 4, and a live case that
 * expects what the pack does not decide fails naming the difference.
 */
class LivePackTestCasesTests {

	private static final Instant AT = Instant.parse("2026-12-03T13:00:00Z");

	private final PackTests tests = new PackTests(new SessionCodec());

	@Test
	void theDefaultPacksScriptedLivesPass() {
		List<PackTests.LiveTestCase> lives = lives();

		assertThat(lives).hasSizeGreaterThanOrEqualTo(25);
		assertThat(this.tests.run(DefaultPack.pack(), lives, AT))
			.allSatisfy((result) -> assertThat(result.problems()).as(result.name()).isEmpty())
			.allSatisfy((result) -> assertThat(result.passed()).isTrue());
	}

	@Test
	void theScriptedLivesCoverEveryRowOfPolicySectionFour() {
		Set<String> decided = new TreeSet<>();
		this.tests.run(DefaultPack.pack(), lives(), AT).forEach((result) -> decided.addAll(result.found()));

		assertThat(decided).contains("SELLER_BANNED", "UNVERIFIED_HOST", "PROHIBITED_PRODUCT",
				"MISSING_AD_CONFIRMATION", "FALSE_ORIGIN", "HEALTH_WARNING");
		assertThat(decided).contains("REMIND VIEWER_COMPLAINTS", "REMIND VULGAR_CONTENT", "REMIND NO_LIVE_HOST",
				"REMIND OFF_PLATFORM_REDIRECT", "WARN FAKE_ENGAGEMENT", "WARN DANGEROUS_ACT",
				"WARN MISLEADING_HEALTH_CLAIM", "STOP PROHIBITED_PRODUCT", "STOP MINOR_ALONE");
		assertThat(decided).contains("WARN NO_LIVE_HOST", "STOP OFF_PLATFORM_REDIRECT", "STOP DANGEROUS_ACT");
		assertThat(decided).contains("REMIND NO_HOST_ON_CAMERA", "REMIND DEAD_AIR", "REMIND POOR_STREAM",
				"REMIND PRODUCT_NOT_SHOWN");
	}

	@Test
	void aScriptedLiveThatExpectsOtherActionsFailsNamingEachDifference() {
		String json = """
				{"name": "wrong", "live": {"liveId": "t-wrong", "sellerId": "shop-test", "market": "VN",
				  "startedAt": "2026-12-03T12:00:00Z", "host": {"hostId": "kol-1", "identityVerified": true},
				  "products": [{"sku": "rice", "category": "GENERAL", "adConfirmationId": null, "declaredOrigin": "VN",
				                "verifiedOrigin": "VN", "listPrice": 100, "livePrice": 90}]},
				 "batches": [{"signals": [{"seq": 1, "at": "2026-12-03T12:01:00Z", "type": "MODERATION_FLAG",
				                           "code": "VULGAR_LANGUAGE", "confidence": 0.9}], "viewers": 10},
				             {"signals": [{"seq": 2, "at": "2026-12-03T12:02:00Z", "type": "MODERATION_FLAG",
				                           "code": "COUNTERFEIT", "confidence": 0.9}]}],
				 "expect": {"status": "OPEN", "notices": [{"sku": "rice", "code": "HEALTH_WARNING"}],
				            "actions": [{"level": "WARN", "code": "VULGAR_CONTENT", "strikes": 1}],
				            "finalStatus": "OPEN", "strikes": 2}}
				""";
		List<PackError> errors = new ArrayList<>();
		PackTests.Case wrong = this.tests.read("tests/live-wrong.json", json, errors);
		assertThat(errors).isEmpty();

		PackTests.PackTestResult result = this.tests.run(DefaultPack.pack(), List.of(wrong), AT).get(0);

		assertThat(result.passed()).isFalse();
		assertThat(result.problems()).containsExactly("notices [], expected [rice HEALTH_WARNING]",
				"action 1 is REMIND VULGAR_CONTENT (MODERATE, 1 strikes, at 2026-12-03T12:01:00Z),"
						+ " expected WARN VULGAR_CONTENT (1 strikes)",
				"action 2 STOP PROHIBITED_PRODUCT (CRITICAL, 1 strikes, at 2026-12-03T12:02:00Z) was decided,"
						+ " not expected",
				"final status STOPPED, expected OPEN", "strikes 1, expected 2");
	}

	@Test
	void unreadableScriptedLivesAreErrorsOfTheirFile() {
		List<PackError> errors = new ArrayList<>();
		String live = "{\"liveId\": \"t\", \"sellerId\": \"s\", \"market\": \"VN\", \"startedAt\": \"2026-12-03T12:00:00Z\","
				+ " \"host\": {\"hostId\": \"h\", \"identityVerified\": true}, \"products\": []}";
		assertThat(this.tests.read("tests/no-seq.json", "{\"live\": " + live
				+ ", \"batches\": [{\"signals\": [{\"at\": \"2026-12-03T12:01:00Z\", \"type\": \"DEAD_AIR\", \"durationSec\": 5}]}],"
				+ " \"expect\": {}}", errors))
			.isNull();
		assertThat(this.tests.read("tests/bad-signal.json", "{\"live\": " + live
				+ ", \"batches\": [{\"signals\": [{\"seq\": 1, \"at\": \"2026-12-03T12:01:00Z\", \"type\": \"DEAD_AIR\"}]}],"
				+ " \"expect\": {}}", errors))
			.isNull();
		assertThat(this.tests.read("tests/bad-live.json",
				"{\"live\": {\"liveId\": \"t\"}, \"batches\": [], \"expect\": {}}", errors))
			.isNull();

		assertThat(errors).extracting(PackError::path)
			.containsExactly("tests/no-seq.json", "tests/bad-signal.json", "tests/bad-live.json");
		assertThat(errors.get(0).message()).isEqualTo("batches[0].signals[0].seq: must be a positive integer");
		assertThat(errors.get(1).message()).startsWith("live: ").contains("durationSec");
		assertThat(errors.get(2).message()).startsWith("live: ");
	}

	private List<PackTests.LiveTestCase> lives() {
		List<PackError> errors = new ArrayList<>();
		List<PackTests.Case> cases = this.tests.cases(DefaultPack.pack().source(), errors);
		assertThat(errors).isEmpty();
		return cases.stream()
			.filter(PackTests.LiveTestCase.class::isInstance)
			.map(PackTests.LiveTestCase.class::cast)
			.toList();
	}

}
