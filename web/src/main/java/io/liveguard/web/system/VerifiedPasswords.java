package io.liveguard.web.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A password encoder that remembers, for a short while, which password matched which
 * stored hash, so that HTTP Basic does not pay a BCrypt check (tens of milliseconds of
 * CPU) on every request.
 * <p>
 * Only matches are remembered: a wrong password always pays the full BCrypt check, so
 * guessing stays as slow as before. The password is never kept: an entry is keyed by an
 * HMAC-SHA256 of the stored hash and the presented password under a random key made at
 * start-up and never stored, so the cache cannot be read back without this process's
 * memory. A changed password has a new hash, so the entries of the old one match nothing;
 * a disabled user or a lockout is refused before the password is checked. Hashing and
 * upgrades are the delegate's.
 */
final class VerifiedPasswords implements PasswordEncoder {

	private static final String HMAC = "HmacSHA256";

	private final PasswordEncoder delegate;

	private final Cache<String, Boolean> verified;

	private final SecretKeySpec key;

	VerifiedPasswords(PasswordEncoder delegate, Duration ttl, long maxEntries) {
		this(delegate, ttl, maxEntries, Ticker.systemTicker());
	}

	VerifiedPasswords(PasswordEncoder delegate, Duration ttl, long maxEntries, Ticker ticker) {
		this.delegate = delegate;
		this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxEntries).ticker(ticker).build();
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, HMAC);
	}

	@Override
	public @Nullable String encode(@Nullable CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(@Nullable CharSequence rawPassword, @Nullable String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return this.delegate.matches(rawPassword, encodedPassword);
		}
		String entry = entry(rawPassword, encodedPassword);
		if (this.verified.getIfPresent(entry) != null) {
			return true;
		}
		boolean matches = this.delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			this.verified.put(entry, Boolean.TRUE);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(@Nullable String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/** How many matches are remembered now, for tests and metrics. */
	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private String entry(CharSequence rawPassword, String encodedPassword) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

}
