package io.liveguard.web.user;

import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The constraints of a new user and a new password say what the API and the page answer,
 * field by field.
 */
class NewUserConstraintsTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private static final Validator validator = factory.getValidator();

	private static final String PASSWORD = "a-long-enough-pw";

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void aWellFormedUserBreaksNoConstraint() {
		assertThat(errors(new UserAdministration.NewUser("ana.lyst", PASSWORD, "ANALYST", null))).isEmpty();
		assertThat(errors(new UserAdministration.NewUser("shop-x@owner", PASSWORD, "SELLER", "shop-x"))).isEmpty();
	}

	@Test
	void aMissingOrBlankFieldIsRequiredAndNothingElse() {
		assertThat(errors(new UserAdministration.NewUser(null, PASSWORD, "ANALYST", null)))
			.containsExactly("username: is required");
		assertThat(errors(new UserAdministration.NewUser("  ", PASSWORD, " ", null)))
			.containsExactlyInAnyOrder("username: is required", "role: is required");
		assertThat(errors(new UserAdministration.NewUser("ana", null, "ANALYST", null)))
			.containsExactly("password: at least 12 characters");
	}

	@Test
	void eachFieldNamesItsOwnRule() {
		assertThat(errors(new UserAdministration.NewUser("no spaces allowed", PASSWORD, "ANALYST", null)))
			.containsExactly("username: 3 to 64 letters, digits or . _ @ -");
		assertThat(errors(new UserAdministration.NewUser("ana", "short", "ANALYST", null)))
			.containsExactly("password: at least 12 characters");
		assertThat(errors(new UserAdministration.NewUser("ana", "x".repeat(73), "ANALYST", null)))
			.containsExactly("password: at most 72 bytes");
		assertThat(errors(new UserAdministration.NewUser("ana", "ä".repeat(37), "ANALYST", null)))
			.as("37 characters, 74 bytes")
			.containsExactly("password: at most 72 bytes");
		assertThat(errors(new UserAdministration.NewUser("ana", PASSWORD, "ROOT", null)))
			.containsExactly("role: must be SELLER, ANALYST or ADMIN");
		assertThat(errors(new UserAdministration.NewUser("ana", PASSWORD, "SELLER", "s".repeat(129))))
			.containsExactly("sellerId: at most 128 characters");
	}

	@Test
	void aNewPasswordFollowsTheSameRules() {
		assertThat(errors(new UserAdministration.NewPassword(PASSWORD))).isEmpty();
		assertThat(errors(new UserAdministration.NewPassword(null)))
			.containsExactly("password: at least 12 characters");
		assertThat(errors(new UserAdministration.NewPassword("x".repeat(73))))
			.containsExactly("password: at most 72 bytes");
	}

	private static List<String> errors(Object request) {
		return validator.validate(request)
			.stream()
			.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
			.toList();
	}

}
