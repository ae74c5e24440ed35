package io.liveguard.web.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How passwords are hashed; apart from the web security so the command line has it too. */
@Configuration(proxyBeanMethods = false)
public class PasswordConfiguration {

	/** BCrypt for new hashes, and reads any hash written with an {@code {id}} prefix. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
