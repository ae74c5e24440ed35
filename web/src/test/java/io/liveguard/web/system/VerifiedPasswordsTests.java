package io.liveguard.web.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class VerifiedPasswordsTests {

	private final PasswordEncoder bcrypt = spy(PasswordEncoderFactories.createDelegatingPasswordEncoder());

	private final AtomicLong nanos = new AtomicLong();

	private final VerifiedPasswords passwords = new VerifiedPasswords(this.bcrypt, Duration.ofMinutes(5), 100,
			this.nanos::get);

	@Test
	void aMatchingPasswordIsCheckedWithBcryptOnceWithinTheTtl() {
		// given
		String hash = this.bcrypt.encode("correct horse");

		// when
		boolean first = this.passwords.matches("correct horse", hash);
		boolean second = this.passwords.matches("correct horse", hash);

		// then
		assertThat(first).isTrue();
		assertThat(second).isTrue();
		verify(this.bcrypt, times(1)).matches(any(), anyString());
	}

	@Test
	void aWrongPasswordPaysTheFullCheckEveryTimeAndIsNeverRemembered() {
		String hash = this.bcrypt.encode("correct horse");

		assertThat(this.passwords.matches("wrong horse", hash)).isFalse();
		assertThat(this.passwords.matches("wrong horse", hash)).isFalse();

		verify(this.bcrypt, times(2)).matches(any(), anyString());
		assertThat(this.passwords.size()).isZero();
	}

	@Test
	void aRememberedPasswordDoesNotMatchAnotherHash() {
		String before = this.bcrypt.encode("correct horse");
		String after = this.bcrypt.encode("battery staple");
		assertThat(this.passwords.matches("correct horse", before)).isTrue();

		// the password was changed: the old password against the new hash is checked, and
		// refused
		assertThat(this.passwords.matches("correct horse", after)).isFalse();
		assertThat(this.passwords.matches("battery staple", after)).isTrue();
	}

	@Test
	void aMatchIsCheckedAgainAfterTheTtl() {
		String hash = this.bcrypt.encode("correct horse");
		assertThat(this.passwords.matches("correct horse", hash)).isTrue();

		this.nanos.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());

		assertThat(this.passwords.matches("correct horse", hash)).isTrue();
		verify(this.bcrypt, times(2)).matches(any(), anyString());
	}

	@Test
	void hashingAndUpgradesAreBcrypts() {
		String hash = this.passwords.encode("correct horse");

		assertThat(hash).startsWith("{bcrypt}$2a$10$");
		assertThat(this.bcrypt.matches("correct horse", hash)).isTrue();
		assertThat(this.passwords.upgradeEncoding(hash)).isFalse();
		assertThat(this.passwords.upgradeEncoding("{noop}correct horse")).isTrue();
	}

}
