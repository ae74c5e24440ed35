package io.liveguard.web.appeal;

import java.time.Instant;

import io.liveguard.engine.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An appeal guards its own state: filed with a reason, decided once, and only as upheld
 * or overturned.
 */
class AppealTests {

	private static final Instant FILED = Instant.parse("2026-03-01T10:00:00Z");

	private static final Instant DECIDED = Instant.parse("2026-03-02T09:30:00Z");

	@Test
	void aFiledAppealIsOpenWithItsReasonStripped() {
		Appeal appeal = open();

		assertThat(appeal.status()).isEqualTo(Appeal.Status.OPEN);
		assertThat(appeal.isOpen()).isTrue();
		assertThat(appeal.reason()).isEqualTo("we quoted a customer");
		assertThat(appeal.decidedBy()).isNull();
		assertThat(appeal.decidedAt()).isNull();
	}

	@Test
	void anAppealWithoutAReasonOrWithAnOverlongOneIsInvalid() {
		assertThatExceptionOfType(AppealRefused.InvalidAppeal.class).isThrownBy(() -> file("  "))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.INVALID))
			.satisfies((ex) -> assertThat(ex.title()).isEqualTo("Invalid appeal"))
			.withMessage("reason: must not be blank");
		assertThatExceptionOfType(AppealRefused.InvalidAppeal.class).isThrownBy(() -> file(null))
			.withMessage("reason: must not be blank");
		assertThatExceptionOfType(AppealRefused.InvalidAppeal.class).isThrownBy(() -> file("x".repeat(4001)))
			.withMessage("reason: at most 4000 characters");
		assertThat(file("x".repeat(4000)).reason()).hasSize(4000);
	}

	@Test
	void anOpenAppealIsDecidedByTheAnalystAtThatInstantWithTheNote() {
		Appeal overturned = open().decide(Appeal.Status.OVERTURNED, "ana", DECIDED, "a quote, not a claim");

		assertThat(overturned.status()).isEqualTo(Appeal.Status.OVERTURNED);
		assertThat(overturned.isOpen()).isFalse();
		assertThat(overturned.decidedBy()).isEqualTo("ana");
		assertThat(overturned.decidedAt()).isEqualTo(DECIDED);
		assertThat(overturned.note()).isEqualTo("a quote, not a claim");
		assertThat(overturned).usingRecursiveComparison()
			.ignoringFields("status", "decidedBy", "decidedAt", "note")
			.isEqualTo(open());
		assertThat(open().decide(Appeal.Status.UPHELD, "ana", DECIDED, null).status()).isEqualTo(Appeal.Status.UPHELD);
	}

	@Test
	void aDecidedAppealIsNotDecidedAgain() {
		Appeal upheld = open().decide(Appeal.Status.UPHELD, "ana", DECIDED, null);

		assertThatExceptionOfType(AppealRefused.AlreadyDecided.class)
			.isThrownBy(() -> upheld.decide(Appeal.Status.OVERTURNED, "bo", DECIDED.plusSeconds(60), null))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(DomainException.Kind.CONFLICT))
			.withMessage("appealId: appeal 'a-1' was already decided (UPHELD)");
	}

	@Test
	void openIsNoDecision() {
		assertThatExceptionOfType(AppealRefused.InvalidAppeal.class)
			.isThrownBy(() -> open().decide(Appeal.Status.OPEN, "ana", DECIDED, null))
			.withMessage("outcome: must be UPHELD or OVERTURNED");
		Appeal overturned = open().decide(Appeal.Status.OVERTURNED, "ana", DECIDED, null);
		assertThatExceptionOfType(AppealRefused.InvalidAppeal.class)
			.isThrownBy(() -> overturned.decide(Appeal.Status.OPEN, "ana", DECIDED, null));
	}

	private static Appeal open() {
		return file("  we quoted a customer ");
	}

	private static Appeal file(String reason) {
		return Appeal.file("a-1", "s-1", "HEALTH_CLAIM", "shop-x", reason, "shop-x-owner", FILED);
	}

}
