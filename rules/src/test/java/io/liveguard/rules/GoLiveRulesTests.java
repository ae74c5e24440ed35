package io.liveguard.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.liveguard.engine.live.GoLive;
import io.liveguard.engine.live.GoLiveAnswer;
import io.liveguard.engine.live.LiveStatus;
import io.liveguard.engine.penalty.Penalty;
import io.liveguard.engine.penalty.PenaltyLevel;
import io.liveguard.engine.session.Product;
import io.liveguard.engine.session.ProductCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.liveguard.rules.LiveScript.START;
import static io.liveguard.rules.LiveScript.live;
import static io.liveguard.rules.LiveScript.lives;
import static io.liveguard.rules.LiveScript.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The go-live check of live.md and policy-default.md section 4, decided by the default
 * pack's golive.drl.
 */
class GoLiveRulesTests {

	private static Penalty ban(PenaltyLevel level, Instant startsAt, Instant endsAt, boolean lifted) {
		return new Penalty("pen-1", "shop-test", level, startsAt, endsAt, lifted, 6, false, 1,
				LocalDate.of(2026, 12, 1), List.of());
	}

	@Test
	void aVerifiedHostWithAGeneralProductMayStartWithNothingToSay() {
		GoLiveAnswer answer = live().check();

		assertThat(answer.status()).isEqualTo(LiveStatus.OPEN);
		assertThat(answer.refusals()).isEmpty();
		assertThat(answer.blockedProducts()).isEmpty();
		assertThat(answer.notices()).isEmpty();
		assertThat(answer.rulePack()).hasToString("default v1");
	}

	@Test
	void aPenaltyCoveringTheStartRefusesTheLiveNamingItsLevelAndEnd() {
		GoLive request = live().request();
		GoLiveAnswer answer = lives().check(request, List
			.of(ban(PenaltyLevel.BAN_7D, START.minusSeconds(3600), Instant.parse("2026-12-08T17:00:00Z"), false)));

		assertThat(answer.status()).isEqualTo(LiveStatus.REFUSED);
		assertThat(answer.refusals()).extracting(GoLiveAnswer.Refusal::code).containsExactly("SELLER_BANNED");
		assertThat(answer.refusals().get(0).detail()).contains("BAN_7D", "2026-12-08T17:00:00Z");
	}

	@Test
	void aPermanentSuspensionRefusesTheLive() {
		GoLiveAnswer answer = lives().check(live().request(),
				List.of(ban(PenaltyLevel.PERMANENT, START.minusSeconds(86_400), null, false)));

		assertThat(answer.refusals()).extracting(GoLiveAnswer.Refusal::code).containsExactly("SELLER_BANNED");
		assertThat(answer.refusals().get(0).detail()).contains("PERMANENT", "permanent");
	}

	@Test
	void aBanEndingAtTheStartALiftedOneAndOneNotYetStartedDoNotRefuse() {
		GoLiveAnswer answer = lives().check(live().request(),
				List.of(ban(PenaltyLevel.BAN_3D, START.minusSeconds(86_400), START, false),
						ban(PenaltyLevel.BAN_7D, START.minusSeconds(3600), START.plusSeconds(86_400), true),
						ban(PenaltyLevel.BAN_30D, START.plusMillis(1), START.plusSeconds(86_400), false)));

		assertThat(answer.status()).isEqualTo(LiveStatus.OPEN);
	}

	@Test
	void anUnverifiedHostIsRefused() {
		GoLiveAnswer answer = live().unverifiedHost().check();

		assertThat(answer.status()).isEqualTo(LiveStatus.REFUSED);
		assertThat(answer.refusals()).extracting(GoLiveAnswer.Refusal::code).containsExactly("UNVERIFIED_HOST");
		assertThat(answer.refusals().get(0).detail()).contains("kol-1", "not verified");
	}

	@Test
	void aProhibitedProductRefusesTheLiveAndEveryReasonIsListed() {
		GoLiveAnswer answer = live().unverifiedHost()
			.products(product("ok", ProductCategory.GENERAL), product("ivory", ProductCategory.PROHIBITED))
			.check();

		assertThat(answer.refusals()).extracting(GoLiveAnswer.Refusal::code)
			.containsExactly("PROHIBITED_PRODUCT", "UNVERIFIED_HOST");
		assertThat(answer.refusals().get(0).detail()).contains("ivory");
	}

	@Test
	void aRefusedLiveCannotBeOpened() {
		LiveScript script = live().unverifiedHost();

		assertThatIllegalArgumentException().isThrownBy(() -> lives().open(script.request(), script.check()));
	}

	@Test
	void aRegulatedProductWithoutAdConfirmationIsBlockedButTheLiveMayStart() {
		GoLiveAnswer answer = live()
			.products(new Product("pill", ProductCategory.FUNCTIONAL_FOOD, null, "VN", "VN", 1, 1),
					new Product("rice", ProductCategory.GENERAL, null, "VN", "VN", 1, 1))
			.check();

		assertThat(answer.status()).isEqualTo(LiveStatus.OPEN);
		assertThat(answer.blockedProducts()).extracting(GoLiveAnswer.ProductNote::sku, GoLiveAnswer.ProductNote::code)
			.containsExactly(tuple("pill", "MISSING_AD_CONFIRMATION"));
		assertThat(answer.blockedSkus()).containsExactly("pill");
	}

	@Test
	void aProductWhoseVerifiedOriginDiffersIsBlocked() {
		GoLiveAnswer answer = live()
			.products(new Product("a", ProductCategory.GENERAL, null, "VN", "CN", 1, 1),
					new Product("b", ProductCategory.GENERAL, null, "VN", "vn", 1, 1),
					new Product("c", ProductCategory.GENERAL, null, "VN", null, 1, 1))
			.check();

		assertThat(answer.blockedProducts()).extracting(GoLiveAnswer.ProductNote::sku, GoLiveAnswer.ProductNote::code)
			.containsExactly(tuple("a", "FALSE_ORIGIN"));
		assertThat(answer.blockedProducts().get(0).detail()).contains("declared origin VN", "verified origin CN");
	}

	@ParameterizedTest
	@EnumSource(value = ProductCategory.class,
			names = { "FUNCTIONAL_FOOD", "DRUG", "MEDICAL_DEVICE", "INFANT_FORMULA", "ALCOHOL" })
	void theListedCategoriesNeedAHealthWarning(ProductCategory category) {
		GoLiveAnswer answer = live().products(product("p", category)).check();

		assertThat(answer.notices()).extracting(GoLiveAnswer.ProductNote::sku, GoLiveAnswer.ProductNote::code)
			.containsExactly(tuple("p", "HEALTH_WARNING"));
		assertThat(answer.status()).isEqualTo(LiveStatus.OPEN);
	}

	@ParameterizedTest
	@EnumSource(value = ProductCategory.class, names = { "GENERAL", "COSMETICS" })
	void otherCategoriesNeedNoHealthWarning(ProductCategory category) {
		assertThat(live().products(product("p", category)).check().notices()).isEmpty();
	}

}
