package io.liveguard.batch.penalty;

import java.time.LocalDate;

import io.liveguard.batch.BatchTestApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A penalty run in a JVM of its own, for the test that kills it mid-way. Args: JDBC URL, business date. */
public final class PenaltyRunProcess {

	private PenaltyRunProcess() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchTestApplication.class)
			.run("--spring.datasource.url=" + args[0])) {
			context.getBean(PenaltyRuns.class).runAndWait(LocalDate.parse(args[1]), "VN", "child process");
		}
	}

}
