package io.liveguard.web;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts LiveGuard: the REST API and the scheduled jobs. With
 * {@code --liveguard.penalty-run.date=...} it runs the penalty run once, without a web
 * server, and exits with the run's outcome.
 */
@SpringBootApplication
public class LiveGuardApplication {

	private static final String H2_BIND_ADDRESS = "h2.bindAddress";

	public static void main(String[] args) {
		// H2's AUTO_SERVER (the default database) serves the file to this machine's other
		// processes only
		if (System.getProperty(H2_BIND_ADDRESS) == null) {
			System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
		}
		SpringApplication application = new SpringApplication(LiveGuardApplication.class);
		boolean commandLineRun = Arrays.stream(args).anyMatch((arg) -> arg.startsWith("--liveguard.penalty-run.date="));
		if (commandLineRun) {
			application.setWebApplicationType(WebApplicationType.NONE);
			ConfigurableApplicationContext context = application.run(args);
			System.exit(SpringApplication.exit(context));
		}
		application.run(args);
	}

}
