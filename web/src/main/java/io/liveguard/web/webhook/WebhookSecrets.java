package io.liveguard.web.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signing secrets: made ({@code whsec_} and the base64 of 32 random bytes), encrypted at
 * rest with AES-GCM under {@code liveguard.webhooks.secret-key} (the endpoint's id is the
 * associated data, so a secret copied to another endpoint's row does not decrypt), and
 * the Standard Webhooks signature computed with them.
 */
final class WebhookSecrets {

	static final String PREFIX = "whsec_";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom random = new SecureRandom();

	private final @Nullable SecretKeySpec key;

	/**
	 * @param base64Key the base64 of 16, 24 or 32 bytes, or null or blank when webhooks
	 * are not configured
	 * @throws IllegalArgumentException when the key is given but is no AES key
	 */
	WebhookSecrets(@Nullable String base64Key) {
		if (base64Key == null || base64Key.isBlank()) {
			this.key = null;
			return;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64Key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("liveguard.webhooks.secret-key is not base64: " + ex.getMessage());
		}
		if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
			throw new IllegalArgumentException("liveguard.webhooks.secret-key must be the base64 of 16, 24 or 32 bytes "
					+ "(an AES key), not of " + bytes.length + " bytes; make one with `openssl rand -base64 32`");
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	boolean configured() {
		return this.key != null;
	}

	/** A new secret, {@code whsec_} and the base64 of 32 random bytes. */
	static String newSecret() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return PREFIX + Base64.getEncoder().encodeToString(bytes);
	}

	String encrypt(String secret, String endpointId) {
		byte[] iv = new byte[IV_BYTES];
		random.nextBytes(iv);
		byte[] sealed = cipher(Cipher.ENCRYPT_MODE, iv, endpointId)
			.doFinalUnchecked(secret.getBytes(StandardCharsets.UTF_8));
		byte[] stored = new byte[iv.length + sealed.length];
		System.arraycopy(iv, 0, stored, 0, iv.length);
		System.arraycopy(sealed, 0, stored, iv.length, sealed.length);
		return Base64.getEncoder().encodeToString(stored);
	}

	String decrypt(String stored, String endpointId) {
		byte[] bytes = Base64.getDecoder().decode(stored);
		byte[] iv = new byte[IV_BYTES];
		System.arraycopy(bytes, 0, iv, 0, IV_BYTES);
		byte[] sealed = new byte[bytes.length - IV_BYTES];
		System.arraycopy(bytes, IV_BYTES, sealed, 0, sealed.length);
		return new String(cipher(Cipher.DECRYPT_MODE, iv, endpointId).doFinalUnchecked(sealed), StandardCharsets.UTF_8);
	}

	private Sealer cipher(int mode, byte[] iv, String endpointId) {
		if (this.key == null) {
			throw new WebhookRefused.NotConfigured();
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(endpointId.getBytes(StandardCharsets.UTF_8));
			return new Sealer(cipher);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is not available", ex);
		}
	}

	/**
	 * The {@code webhook-signature} header: {@code v1,} and the base64 HMAC-SHA256 of
	 * {@code id.timestamp.body} under each secret's bytes, separated by spaces.
	 */
	static String signature(String messageId, long timestamp, String body, Iterable<String> secrets) {
		StringBuilder header = new StringBuilder();
		byte[] content = (messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
		for (String secret : secrets) {
			if (!header.isEmpty()) {
				header.append(' ');
			}
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(
						new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
				header.append("v1,").append(Base64.getEncoder().encodeToString(mac.doFinal(content)));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is not available", ex);
			}
		}
		return header.toString();
	}

	private record Sealer(Cipher cipher) {

		byte[] doFinalUnchecked(byte[] input) {
			try {
				return this.cipher.doFinal(input);
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(
						"A webhook secret does not decrypt: was liveguard.webhooks.secret-key changed?", ex);
			}
		}

	}

}
