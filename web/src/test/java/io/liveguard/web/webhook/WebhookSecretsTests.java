package io.liveguard.web.webhook;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WebhookSecretsTests {

	private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

	@Test
	void signsTheStandardWebhooksExample() {
		// the example of the Standard Webhooks libraries' tests
		String signature = WebhookSecrets.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
				"{\"test\": 2432232314}", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

		assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void signsWithEverySecretGiven() {
		String signature = WebhookSecrets.signature("msg_1", 1, "{}",
				List.of(WebhookSecrets.newSecret(), WebhookSecrets.newSecret()));

		assertThat(signature.split(" ")).hasSize(2).allMatch((part) -> part.matches("v1,[A-Za-z0-9+/]{43}="));
	}

	@Test
	void newSecretsAre32RandomBytes() {
		String secret = WebhookSecrets.newSecret();

		assertThat(secret).startsWith("whsec_").isNotEqualTo(WebhookSecrets.newSecret());
		assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
	}

	@Test
	void aSecretIsStoredEncryptedAndOnlyItsEndpointDecryptsIt() {
		WebhookSecrets secrets = new WebhookSecrets(KEY);
		String secret = WebhookSecrets.newSecret();

		String stored = secrets.encrypt(secret, "wh_a");

		assertThat(stored).doesNotContain(secret.substring(6)).isNotEqualTo(secrets.encrypt(secret, "wh_a"));
		assertThat(secrets.decrypt(stored, "wh_a")).isEqualTo(secret);
		assertThatIllegalStateException().isThrownBy(() -> secrets.decrypt(stored, "wh_b"))
			.withMessageContaining("does not decrypt");
		WebhookSecrets otherKey = new WebhookSecrets(Base64.getEncoder().encodeToString(new byte[16]));
		assertThatIllegalStateException().isThrownBy(() -> otherKey.decrypt(stored, "wh_a"));
	}

	@Test
	void aKeyThatIsNoAesKeyStopsTheStartWithItsName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebhookSecrets("not base64!"))
			.withMessageContaining("liveguard.webhooks.secret-key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookSecrets(Base64.getEncoder().encodeToString(new byte[20])))
			.withMessageContaining("16, 24 or 32 bytes");
	}

	@Test
	void withoutAKeyNothingIsEncrypted() {
		WebhookSecrets secrets = new WebhookSecrets(null);

		assertThat(secrets.configured()).isFalse();
		assertThatExceptionOfType(WebhookRefused.NotConfigured.class)
			.isThrownBy(() -> secrets.encrypt(WebhookSecrets.newSecret(), "wh_a"));
	}

}
