package io.liveguard.batch;

import java.time.Clock;

import io.liveguard.engine.ScoringEngine;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** The batch jobs in a Boot application of their own, with the default rule pack. */
@SpringBootApplication
public class BatchTestApplication {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	ScoringEngine scoringEngine() {
		return ScoringEngine.withClasspathPacks("default");
	}

}
