package io.liveguard.web.system;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PasswordConfiguration.class);

	@Test
	void newHashesAreBcryptOfWorkFactorTenUnlessConfigured() {
		this.runner.run((context) -> assertThat(context.getBean(PasswordEncoder.class).encode("a long password"))
			.startsWith("{bcrypt}$2a$10$"));
		this.runner.withPropertyValues("liveguard.password.bcrypt-strength=4")
			.run((context) -> assertThat(context.getBean(PasswordEncoder.class).encode("a long password"))
				.startsWith("{bcrypt}$2a$04$"));
	}

	@Test
	void hashesOfAnotherWorkFactorOrEncoderStillMatchAndLowerOnesAskForAnUpgrade() {
		PasswordEncoder spring = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		String bcrypt10 = spring.encode("a long password");
		String pbkdf2 = "{pbkdf2@SpringSecurity_v5_8}" + pbkdf2("a long password");
		this.runner.withPropertyValues("liveguard.password.bcrypt-strength=11").run((context) -> {
			PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
			assertThat(encoder.matches("a long password", bcrypt10)).isTrue();
			assertThat(encoder.matches("another password", bcrypt10)).isFalse();
			assertThat(encoder.matches("a long password", pbkdf2)).isTrue();
			assertThat(encoder.upgradeEncoding(bcrypt10)).isTrue();
			assertThat(encoder.upgradeEncoding(encoder.encode("a long password"))).isFalse();
		});
	}

	@Test
	void aWorkFactorOutsideBcryptsRangeStopsTheStart() {
		this.runner.withPropertyValues("liveguard.password.bcrypt-strength=3")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("liveguard.password.bcrypt-strength must be between 4 and 31, not 3"));
	}

	private static String pbkdf2(String password) {
		return Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode(password);
	}

}
