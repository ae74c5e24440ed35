package io.liveguard.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts LiveGuard: the REST API, the pages and the scheduled jobs. */
@SpringBootApplication
public class LiveGuardApplication {

	public static void main(String[] args) {
		SpringApplication.run(LiveGuardApplication.class, args);
	}

}
