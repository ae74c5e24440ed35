package io.liveguard.web.page;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * What the page tests share, so they share one application context: a fixed clock, the morning after
 * the example sessions' penalty run in Ho Chi Minh City; and, until the application's own security
 * configuration has them, the page rules it is getting (form login at {@code /login}, logout as
 * {@code POST /logout}, CSRF on, {@code /seller/**} SELLER, {@code /analyst/**} ANALYST,
 * {@code /admin/**} ADMIN, the stylesheet and the login page open).
 * <p>
 * TODO when SecurityConfiguration has the page rules: delete {@link #pageSecurity}, so these tests
 * run against the real ones.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PageTestConfiguration {

	/** 2026-11-23 10:00 in Ho Chi Minh City: the morning after the run for 2026-11-22. */
	public static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

	@Bean
	@Primary
	Clock fixedClock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	@Bean
	@Order(0)
	SecurityFilterChain pageSecurity(HttpSecurity http) {
		return http
			.securityMatcher("/", "/login", "/logout", "/seller/**", "/seller", "/analyst/**", "/admin/**", "/css/**",
					"/webjars/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/css/**")
				.permitAll()
				.requestMatchers("/seller", "/seller/**")
				.hasRole("SELLER")
				.requestMatchers("/analyst/**")
				.hasRole("ANALYST")
				.requestMatchers("/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login").permitAll())
			.logout(Customizer.withDefaults())
			.build();
	}

}
