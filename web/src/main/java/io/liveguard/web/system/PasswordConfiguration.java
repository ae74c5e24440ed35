package io.liveguard.web.system;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How passwords are hashed; apart from the web security so the command line has it too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordProperties.class)
public class PasswordConfiguration {

	private static final String BCRYPT = "bcrypt";

	/**
	 * BCrypt of {@code liveguard.password.bcrypt-strength} for new hashes, and reads any
	 * hash written with an {@code {id}} prefix Spring Security knows; a password that
	 * matched is remembered for {@code liveguard.password.verified-ttl} (see
	 * {@link VerifiedPasswords}).
	 */
	@Bean
	PasswordEncoder passwordEncoder(PasswordProperties properties) {
		DelegatingPasswordEncoder bcrypt = new DelegatingPasswordEncoder(BCRYPT,
				Map.of(BCRYPT, new BCryptPasswordEncoder(properties.bcryptStrength())));
		bcrypt.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		if (properties.verifiedTtl().isZero() || properties.verifiedMaxEntries() <= 0) {
			return bcrypt;
		}
		return new VerifiedPasswords(bcrypt, properties.verifiedTtl(), properties.verifiedMaxEntries());
	}

}
