package io.liveguard.web.page;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * What the page tests share, so they share one application context: a fixed clock, the
 * morning after the example sessions' penalty run in Ho Chi Minh City. Security is the
 * application's own.
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

}
