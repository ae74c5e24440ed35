package io.liveguard.engine.session;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Reading, validating and writing session records as {@code session-format.md} describes
 * them.
 */
class SessionCodecTests {

	private final SessionCodec codec = new SessionCodec();

	@ParameterizedTest
	@ValueSource(strings = { "clean-session.json", "counterfeit.json", "health-claim-no-confirmation.json",
			"low-quality-static.json" })
	void readsTheValidSpecExamples(String name) {
		LiveSession session = this.codec.read(SessionJson.text("examples/" + name));

		assertThat(session.sessionId()).startsWith("ex-");
		assertThat(session.market()).isEqualTo("VN");
	}

	@Test
	void readsEveryFieldOfTheFormat() {
		LiveSession session = this.codec.read(SessionJson.text("valid.json"));

		assertThat(session.sessionId()).isEqualTo("vn-20261120-000123");
		assertThat(session.sellerId()).isEqualTo("shop-8812");
		assertThat(session.startedAt()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
		assertThat(session.endedAt()).isEqualTo(Instant.parse("2026-11-20T13:30:00Z"));
		assertThat(session.host()).isEqualTo(new Host("kol-77", true));
		assertThat(session.stats()).isEqualTo(new SessionStats(1200, 340, 900, 420, 80, 3));
		assertThat(session.products()).containsExactly(
				new Product("p-1", ProductCategory.FUNCTIONAL_FOOD, null, "DE", "CN", 450000, 199000),
				new Product("p-2", ProductCategory.GENERAL, null, "VN", null, 90000, 80000));
		assertThat(session.signals()).containsExactly(
				new Signal.Transcript(at("12:05:10"), "san pham nay chua khoi tieu duong"),
				new Signal.ModerationFlag(at("12:07:00"), ModerationCode.VULGAR_LANGUAGE, 0.93),
				new Signal.HostAbsent(at("12:20:00"), 300), new Signal.DeadAir(at("12:40:00"), 90),
				new Signal.ProductShown(at("12:41:00"), "p-1"),
				new Signal.ViewerReport(at("12:50:00"), ReportCode.FAKE_PRODUCT),
				new Signal.StreamQuality(at("13:00:00"), 720, 12));
	}

	@Test
	void ignoresUnknownFields() {
		LiveSession withExtras = this.codec.read(SessionJson.text("valid-with-unknown-fields.json"));

		assertThat(withExtras).isEqualTo(this.codec.read(SessionJson.text("valid.json")));
	}

	@Test
	void rejectsTheSpecExampleThatEndsBeforeItStarts() {
		assertRejected(SessionJson.text("examples/invalid-ends-before-start.json"), "endedAt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/endedAt", "/sessionId", "/market", "/host", "/stats", "/products", "/signals" })
	void rejectsAMissingRequiredTopLevelField(String pointer) {
		assertRejected(SessionJson.valid().without(pointer).json(), pointer.substring(1));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/endedAt", "/host", "/stats", "/products", "/signals" })
	void rejectsNullForARequiredField(String pointer) {
		assertRejected(SessionJson.valid().with(pointer, "null").json(), pointer.substring(1));
	}

	@Test
	void acceptsEmptyProductsAndSignals() {
		LiveSession session = this.codec
			.read(SessionJson.valid().with("/products", "[]").with("/signals", "[]").json());

		assertThat(session.products()).isEmpty();
		assertThat(session.signals()).isEmpty();
	}

	@Test
	void rejectsMissingEndedAtNamingIt() {
		InvalidSessionException ex = rejected(SessionJson.valid().without("/endedAt").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("endedAt");
			assertThat(error.message()).contains("required");
		});
	}

	@Test
	void rejectsMissingStatsCommentsNamingIt() {
		assertRejected(SessionJson.valid().without("/stats/comments").json(), "stats.comments");
	}

	@Test
	void rejectsMissingHostIdentityVerifiedNamingIt() {
		assertRejected(SessionJson.valid().without("/host/identityVerified").json(), "host.identityVerified");
	}

	@Test
	void rejectsAMissingFieldOfASignalNamingItsIndex() {
		assertRejected(SessionJson.valid().without("/signals/2/durationSec").json(), "signals[2].durationSec");
	}

	@Test
	void rejectsTextWhereACountIsExpected() {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/stats/comments", "\"x\"").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("stats.comments");
			assertThat(error.message()).contains("integer");
		});
	}

	@Test
	void rejectsAFractionWhereACountIsExpected() {
		assertRejected(SessionJson.valid().with("/stats/comments", "12.5").json(), "stats.comments");
	}

	@Test
	void rejectsAQuotedNumberWhereACountIsExpected() {
		assertRejected(SessionJson.valid().with("/stats/orders", "\"80\"").json(), "stats.orders");
	}

	@Test
	void rejectsTextWhereABooleanIsExpected() {
		assertRejected(SessionJson.valid().with("/host/identityVerified", "\"yes\"").json(), "host.identityVerified");
	}

	@Test
	void rejectsATimestampThatIsNotAnInstant() {
		assertRejected(SessionJson.valid().with("/startedAt", "\"20 Nov 2026\"").json(), "startedAt");
	}

	@Test
	void rejectsAnUnknownProductCategoryNamingIt() {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/products/0/category", "\"TOYS\"").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("products[0].category");
			assertThat(error.message()).contains("TOYS", "GENERAL", "PROHIBITED");
		});
	}

	@Test
	void rejectsAnUnknownModerationCodeNamingIt() {
		assertRejected(SessionJson.valid().with("/signals/1/code", "\"RUDE\"").json(), "signals[1].code");
	}

	@Test
	void rejectsAnUnknownViewerReportCodeNamingIt() {
		assertRejected(SessionJson.valid().with("/signals/5/code", "\"BORING\"").json(), "signals[5].code");
	}

	@Test
	void rejectsAnUnknownSignalTypeNamingIt() {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/signals/0/type", "\"CHAT\"").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("signals[0].type");
			assertThat(error.message()).contains("CHAT", "TRANSCRIPT");
		});
	}

	@Test
	void rejectsASignalWithoutTypeNamingIt() {
		assertRejected(SessionJson.valid().without("/signals/0/type").json(), "signals[0].type");
	}

	@ParameterizedTest
	@ValueSource(strings = { "peakViewers", "avgViewers", "comments", "commentsAnswered", "orders", "viewerReports" })
	void rejectsANegativeCount(String counter) {
		SessionJson json = SessionJson.valid().with("/stats/" + counter, "-1");
		if (counter.equals("comments")) {
			json.with("/stats/commentsAnswered", "0");
		}
		assertRejected(json.json(), "stats." + counter);
	}

	@Test
	void rejectsANegativeDuration() {
		assertRejected(SessionJson.valid().with("/signals/2/durationSec", "-5").json(), "signals[2].durationSec");
	}

	@Test
	void rejectsANegativePrice() {
		assertRejected(SessionJson.valid().with("/products/1/livePrice", "-1").json(), "products[1].livePrice");
	}

	@Test
	void rejectsMoreAnsweredCommentsThanComments() {
		assertRejected(SessionJson.valid().with("/stats/commentsAnswered", "901").json(), "stats.commentsAnswered");
	}

	@Test
	void acceptsEveryCommentAnswered() {
		LiveSession session = this.codec.read(SessionJson.valid().with("/stats/commentsAnswered", "900").json());

		assertThat(session.stats().commentsAnswered()).isEqualTo(900);
	}

	@Test
	void rejectsASessionEndingWhenItStartsNamingEndedAt() {
		assertRejected(SessionJson.valid().with("/endedAt", "\"2026-11-20T12:00:00Z\"").json(), "endedAt");
	}

	@Test
	void rejectsASessionEndingBeforeItStartsNamingEndedAt() {
		assertRejected(SessionJson.valid().with("/endedAt", "\"2026-11-20T11:59:59Z\"").with("/signals", "[]").json(),
				"endedAt");
	}

	@Test
	void rejectsASessionLongerThanADay() {
		assertRejected(SessionJson.valid().with("/endedAt", "\"2026-11-21T12:00:01Z\"").json(), "endedAt");
	}

	@Test
	void acceptsASessionOfExactlyADay() {
		LiveSession session = this.codec.read(SessionJson.valid().with("/endedAt", "\"2026-11-21T12:00:00Z\"").json());

		assertThat(session.length()).hasHours(24);
	}

	@Test
	void rejectsASignalAfterTheSessionNamingItsInstant() {
		InvalidSessionException ex = rejected(
				SessionJson.valid().with("/signals/3/at", "\"2026-11-20T13:30:01Z\"").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("signals[3].at");
			assertThat(error.message()).contains("outside");
		});
	}

	@Test
	void rejectsASignalBeforeTheSessionNamingItsInstant() {
		assertRejected(SessionJson.valid().with("/signals/0/at", "\"2026-11-20T11:59:59Z\"").json(), "signals[0].at");
	}

	@Test
	void acceptsSignalsAtTheFirstAndLastInstantOfTheSession() {
		LiveSession session = this.codec.read(SessionJson.valid()
			.with("/signals/0/at", "\"2026-11-20T12:00:00Z\"")
			.with("/signals/6/at", "\"2026-11-20T13:30:00Z\"")
			.json());

		assertThat(session.signals()).hasSize(7);
	}

	@Test
	void rejectsAConfidenceAboveOneSayingTheRange() {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/signals/1/confidence", "1.01").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("signals[1].confidence");
			assertThat(error.message()).isEqualTo("must be between 0 and 1");
		});
	}

	@Test
	void acceptsConfidencesOfZeroAndOne() {
		LiveSession session = this.codec.read(SessionJson.valid().with("/signals/1/confidence", "1").json());

		assertThat(((Signal.ModerationFlag) session.signals().get(1)).confidence()).isEqualTo(1.0);
		assertThat(this.codec.read(SessionJson.valid().with("/signals/1/confidence", "0").json())).isNotNull();
	}

	@Test
	void rejectsANegativeConfidence() {
		assertRejected(SessionJson.valid().with("/signals/1/confidence", "-0.1").json(), "signals[1].confidence");
	}

	@ParameterizedTest
	@ValueSource(strings = { "XX", "vn", "VNM", "" })
	void rejectsAMarketThatIsNotAnIsoAlpha2Code(String market) {
		assertRejected(SessionJson.valid().with("/market", "\"" + market + "\"").json(), "market");
	}

	@Test
	void acceptsASessionIdOf128Characters() {
		String id = "s".repeat(128);

		assertThat(this.codec.read(SessionJson.valid().with("/sessionId", "\"" + id + "\"").json()).sessionId())
			.isEqualTo(id);
	}

	@Test
	void rejectsASessionIdLongerThan128Characters() {
		assertRejected(SessionJson.valid().with("/sessionId", "\"" + "s".repeat(129) + "\"").json(), "sessionId");
	}

	@Test
	void rejectsABlankSessionId() {
		assertRejected(SessionJson.valid().with("/sessionId", "\"  \"").json(), "sessionId");
	}

	@Test
	void rejectsADuplicateSkuNamingTheSecondProduct() {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/products/1/sku", "\"p-1\"").json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("products[1].sku");
			assertThat(error.message()).contains("p-1");
		});
	}

	@Test
	void namesEveryProblemOfARecordAtOnce() {
		InvalidSessionException ex = rejected(SessionJson.valid()
			.with("/market", "\"XX\"")
			.with("/stats/commentsAnswered", "901")
			.with("/signals/3/at", "\"2026-11-20T14:00:00Z\"")
			.json());

		assertThat(ex.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("market", "stats.commentsAnswered", "signals[3].at");
	}

	@Test
	void rejectsTextThatIsNotJson() {
		InvalidSessionException ex = rejected(SessionJson.text("not-json.txt"));

		assertThat(ex.errors()).singleElement()
			.satisfies((error) -> assertThat(error.message()).contains("not readable JSON"));
	}

	@Test
	void rejectsJsonNull() {
		InvalidSessionException ex = rejected(SessionJson.text("null.json"));

		assertThat(ex.errors()).singleElement().satisfies((error) -> assertThat(error.message()).contains("null"));
	}

	@Test
	void rejectsAJsonArrayWhereARecordIsExpected() {
		assertThatExceptionOfType(InvalidSessionException.class).isThrownBy(() -> this.codec.read("[]"));
	}

	@Test
	void readsWhatItWrites() {
		LiveSession session = this.codec.read(SessionJson.text("valid.json"));

		assertThat(this.codec.read(this.codec.write(session))).isEqualTo(session);
	}

	@Test
	void writesTheSameCanonicalJsonWhateverTheLayoutOfTheInput() {
		LiveSession pretty = this.codec.read(SessionJson.text("valid.json"));
		LiveSession reordered = this.codec.read(SessionJson.text("valid-reformatted.json"));

		assertThat(this.codec.write(reordered)).isEqualTo(this.codec.write(pretty));
	}

	@Test
	void hashesTheSameContentTheSameWhateverItsWhitespaceAndFieldOrder() {
		LiveSession pretty = this.codec.read(SessionJson.text("valid.json"));
		LiveSession reordered = this.codec.read(SessionJson.text("valid-reformatted.json"));

		assertThat(this.codec.contentHash(reordered)).isEqualTo(this.codec.contentHash(pretty)).hasSize(64);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sessionId=\"other\"", "/endedAt=\"2026-11-20T13:29:59Z\"", "/host/hostId=null",
			"/stats/orders=81", "/products/1/verifiedOrigin=\"VN\"", "/products/0/livePrice=199001",
			"/signals/0/text=\"san pham nay chua khoi tieu duong!\"", "/signals/1/confidence=0.94",
			"/signals/6/resolutionP=480" })
	void hashesDifferentlyWhenAnyFieldChanges(String change) {
		String pointer = change.substring(0, change.indexOf('='));
		String value = change.substring(change.indexOf('=') + 1);
		LiveSession original = this.codec.read(SessionJson.text("valid.json"));
		LiveSession changed = this.codec.read(SessionJson.valid().with(pointer, value).json());

		assertThat(this.codec.contentHash(changed)).isNotEqualTo(this.codec.contentHash(original));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/products/0/category=3", "/signals/1/code=0", "/signals/5/code=1", "/signals/0/type=0" })
	void rejectsANumberWhereAnEnumNameIsExpected(String change) {
		String pointer = change.substring(0, change.indexOf('='));
		String field = pointer.substring(1).replaceAll("/(\\d+)/", "[$1].").replace('/', '.');

		assertRejected(SessionJson.valid().with(pointer, change.substring(change.indexOf('=') + 1)).json(), field);
	}

	@ParameterizedTest
	@ValueSource(strings = { "1763640000", "1763640000.5", "[2026,11,20,12,0]", "true" })
	void rejectsAnythingButAStringWhereAnInstantIsExpected(String value) {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/startedAt", value).json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("startedAt");
			assertThat(error.message()).contains("ISO-8601");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "/sessionId=123", "/sellerId=8812.5", "/sellerId=true", "/market=1", "/signals/0/text=42",
			"/products/0/declaredOrigin=false", "/host/hostId=77" })
	void rejectsAScalarWhereAStringIsExpected(String change) {
		String pointer = change.substring(0, change.indexOf('='));
		String field = pointer.substring(1).replaceAll("/(\\d+)/", "[$1].").replace('/', '.');

		assertRejected(SessionJson.valid().with(pointer, change.substring(change.indexOf('=') + 1)).json(), field);
	}

	@Test
	void rejectsAnIntegerWhereABooleanIsExpected() {
		assertRejected(SessionJson.valid().with("/host/identityVerified", "1").json(), "host.identityVerified");
	}

	@ParameterizedTest
	@ValueSource(strings = { "shop/8812", "shop%2F8812", "shop;8812", "shop\\8812", "shop 8812", "shop?x", "shop#x",
			"shöp", "shop\u0000", "shop\n", "../x", "" })
	void rejectsASellerIdWithACharacterOutsideTheFormat(String id) {
		InvalidSessionException ex = rejected(SessionJson.valid().with("/sellerId", quoted(id)).json());

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo("sellerId");
			assertThat(error.message()).contains("A-Z a-z 0-9 . _ : -");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/b", "a%2Fb", "a;b", "a\\b", "..%2F", "a b" })
	void rejectsASessionIdWithACharacterOutsideTheFormat(String id) {
		assertRejected(SessionJson.valid().with("/sessionId", quoted(id)).json(), "sessionId");
	}

	@Test
	void acceptsEveryCharacterTheFormatNamesInAnId() {
		String id = "AZaz09.-_:x";

		assertThat(this.codec.read(SessionJson.valid().with("/sessionId", "\"" + id + "\"").json()).sessionId())
			.isEqualTo(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/signals/0/text", "/sellerId", "/host/hostId", "/products/0/declaredOrigin" })
	void rejectsALoneSurrogateInAnyStringWithoutRepeatingIt(String pointer) {
		String field = pointer.substring(1).replaceAll("/(\\d+)/", "[$1].").replace('/', '.');
		String json = SessionJson.valid().with(pointer, "\"x\"").json().replace("\"x\"", "\"ok \\ud800 then\"");

		InvalidSessionException ex = rejected(json);

		assertThat(ex.errors()).singleElement().satisfies((error) -> {
			assertThat(error.field()).isEqualTo(field);
			assertThat(error.message()).contains("lone UTF-16 surrogate");
			assertThat(StrictJson.loneSurrogate(error.message())).isEqualTo(-1);
		});
	}

	@Test
	void rejectsALoneLowSurrogate() {
		String json = SessionJson.valid().with("/signals/0/text", "\"x\"").json().replace("\"x\"", "\"\\udc00\"");

		assertRejected(json, "signals[0].text");
	}

	@Test
	void acceptsASurrogatePair() {
		String json = SessionJson.valid()
			.with("/signals/0/text", "\"x\"")
			.json()
			.replace("\"x\"", "\"live \\ud83d\\ude00\"");

		assertThat(((Signal.Transcript) this.codec.read(json).signals().get(0)).text()).isEqualTo("live \ud83d\ude00");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/startedAt=\"+5000000-01-01T00:00:00Z\"", "/startedAt=\"+999999999-12-31T23:59:59Z\"",
			"/startedAt=\"-1000000000-01-01T00:00:00Z\"", "/endedAt=\"+10000-01-01T00:00:00Z\"",
			"/startedAt=\"1969-12-31T23:59:59Z\"" })
	void rejectsAnInstantOutsideTheYearsTheFormatAllows(String change) {
		String pointer = change.substring(0, change.indexOf('='));

		InvalidSessionException ex = rejected(
				SessionJson.valid().with(pointer, change.substring(change.indexOf('=') + 1)).json());

		assertThat(ex.errors()).extracting(FieldError::field).contains(pointer.substring(1));
		assertThat(ex.errors()).extracting(FieldError::message).contains("must be in the years 1970 to 9999");
	}

	@Test
	void acceptsASessionInTheLastHourOfTheYear9999() {
		LiveSession session = this.codec.read(SessionJson.valid()
			.with("/startedAt", "\"9999-12-31T22:00:00Z\"")
			.with("/endedAt", "\"9999-12-31T23:59:59Z\"")
			.with("/signals", "[]")
			.json());

		assertThat(session.endedAt()).isEqualTo(LiveSession.LATEST.minusNanos(999_999_999));
	}

	@Test
	void rejectsARecordLongerThanTheLimitBeforeMappingIt() {
		SessionCodec small = new SessionCodec(1024);
		String json = SessionJson.valid().with("/signals/0/text", "\"" + "a".repeat(2000) + "\"").json();

		InvalidSessionException ex = catchThrowableOfType(InvalidSessionException.class, () -> small.read(json));

		assertThat(ex.errors()).singleElement().satisfies((error) -> assertThat(error.message()).contains("too large"));
	}

	@Test
	void rejectsARecordNestedDeeperThanTheLimit() {
		String deep = "[".repeat(1000) + "]".repeat(1000);
		String json = SessionJson.valid().json().replaceFirst("\\{", "{\"unknown\":" + deep + ",");

		InvalidSessionException ex = rejected(json);

		assertThat(ex.errors()).singleElement().satisfies((error) -> assertThat(error.message()).contains("too large"));
	}

	@Test
	void rejectsANumberLongerThanTheLimit() {
		assertThatExceptionOfType(InvalidSessionException.class)
			.isThrownBy(() -> this.codec.read(SessionJson.valid().with("/stats/orders", "1".repeat(200)).json()));
	}

	@Test
	void cutsALongUnknownEnumValueInItsMessage() {
		InvalidSessionException ex = rejected(
				SessionJson.valid().with("/products/0/category", "\"" + "T".repeat(10_000) + "\"").json());

		assertThat(ex.getMessage()).hasSizeLessThan(500);
	}

	private static String quoted(String text) {
		return JsonMapper.shared().writeValueAsString(text);
	}

	private static Instant at(String time) {
		return Instant.parse("2026-11-20T" + time + "Z");
	}

	private InvalidSessionException rejected(String json) {
		InvalidSessionException thrown = catchThrowableOfType(InvalidSessionException.class,
				() -> this.codec.read(json));
		assertThat(thrown).as("rejected").isNotNull();
		assertThat(thrown.errors()).isNotEmpty()
			.allSatisfy((error) -> assertThat(error.message()).isNotBlank().doesNotContain("${"));
		return thrown;
	}

	private void assertRejected(String json, String field) {
		assertThat(rejected(json).errors()).extracting(FieldError::field).containsExactly(field);
	}

}
