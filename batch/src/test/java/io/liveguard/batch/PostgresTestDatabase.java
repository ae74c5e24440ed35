package io.liveguard.batch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs the batch module's Spring tests on PostgreSQL instead of H2: when the system
 * property {@code liveguard.test.on-postgres} holds a server URL
 * ({@code jdbc:postgresql://host:port/}, as the {@code postgres} profile's second
 * Failsafe execution sets it), every test application context gets a database of its own,
 * created here, migrated by Flyway like any other, and dropped when the context closes.
 * Arguments given on the command line (a test's own JDBC URL) still win.
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	static final String PROPERTY = "liveguard.test.on-postgres";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String server = System.getProperty(PROPERTY, "");
		if (!server.startsWith("jdbc:postgresql:")) {
			return;
		}
		String user = System.getProperty("liveguard.test.postgres.user", "postgres");
		String database = "liveguard_batch_" + UUID.randomUUID().toString().replace("-", "");
		execute(server, user, "create database " + database);
		Map<String, Object> properties = Map.of("spring.datasource.url", server + database,
				"spring.datasource.username", user, "spring.datasource.password", "");
		var sources = context.getEnvironment().getPropertySources();
		MapPropertySource source = new MapPropertySource("postgresTestDatabase", properties);
		if (sources.contains("commandLineArgs")) {
			sources.addAfter("commandLineArgs", source);
		}
		else {
			sources.addFirst(source);
		}
		context.addApplicationListener((event) -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				// after the pool has closed: Hikari closes on context close, before this
				// runs on a later event;
				// "with (force)" ends any connection still open
				execute(server, user, "drop database if exists " + database + " with (force)");
			}
		});
	}

	private static void execute(String server, String user, String sql) {
		try (Connection connection = DriverManager.getConnection(server + "postgres", user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + server, ex);
		}
	}

}
