package io.liveguard.web.user;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the user {@code admin} (role ADMIN) when the user table is empty, so a fresh
 * installation can be administered: with the configured password, or with a random one
 * logged once at WARN. There are no other default credentials.
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
class AdminBootstrap implements ApplicationRunner {

	static final String ADMIN = "admin";

	/** Passwords shorter than this are weak (api.md, "Users and API keys"). */
	static final int MIN_PASSWORD_LENGTH = 12;

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private static final SecureRandom random = new SecureRandom();

	private final Users users;

	private final PasswordEncoder encoder;

	private final BootstrapProperties properties;

	private final Clock clock;

	AdminBootstrap(Users users, PasswordEncoder encoder, BootstrapProperties properties, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.count() > 0) {
			if (StringUtils.hasText(this.properties.adminPassword())) {
				log.info("Users exist; liveguard.bootstrap.admin-password is ignored");
			}
			return;
		}
		String configured = this.properties.adminPassword();
		boolean generated = !StringUtils.hasText(configured);
		String password = generated ? generatePassword() : configured;
		try {
			this.users
				.add(new AppUser(ADMIN, this.encoder.encode(password), Role.ADMIN, null, true, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			log.info("User '{}' was created meanwhile by another instance", ADMIN);
			return;
		}
		if (generated) {
			log.warn("Created user '{}' with the generated password: {}  (shown this once; set "
					+ "liveguard.bootstrap.admin-password to choose it)", ADMIN, password);
		}
		else {
			log.info("Created user '{}' with the password from liveguard.bootstrap.admin-password", ADMIN);
			if (password.length() < MIN_PASSWORD_LENGTH) {
				log.warn("The bootstrap admin password is shorter than {} characters", MIN_PASSWORD_LENGTH);
			}
		}
	}

	/** 144 random bits, URL-safe Base64: 24 characters. */
	static String generatePassword() {
		byte[] bytes = new byte[18];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
