package io.liveguard.batch.penalty;

import java.time.LocalDate;

import javax.sql.DataSource;

import io.liveguard.batch.BatchTestApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A penalty run in a JVM of its own, for the test that kills it mid-way. Args: JDBC URL,
 * business date. Prints {@code DECIDED <n>} as sellers' decisions commit, so the test can
 * pick its moment without opening the database itself.
 */
public final class PenaltyRunProcess {

	static final int CHUNK_SIZE = 50;

	private PenaltyRunProcess() {
	}

	public static void main(String[] args) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatchTestApplication.class)
			.run("--spring.datasource.url=" + args[0], "--liveguard.penalty-run.chunk-size=" + CHUNK_SIZE)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			Thread reporter = new Thread(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					System.out
						.println("DECIDED " + jdbc.queryForObject("select count(*) from seller_state", Integer.class));
					System.out.flush();
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
			reporter.setDaemon(true);
			reporter.start();
			context.getBean(PenaltyRuns.class).runAndWait(LocalDate.parse(args[1]), "VN", "child process");
			reporter.interrupt();
		}
	}

}
