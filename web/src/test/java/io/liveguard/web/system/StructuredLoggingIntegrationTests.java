package io.liveguard.web.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.liveguard.web.ApplicationJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application jar started with structured logging switched on (README, "Operating
 * LiveGuard") writes every log line as one JSON object in the Elastic Common Schema. It
 * runs in a JVM of its own: the logging system is set up once per JVM, so a test context
 * sharing the test JVM with others would keep whatever format came first.
 */
class StructuredLoggingIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyLogLineOfTheStartIsAJsonObject(@TempDir Path directory) throws Exception {
		List<String> lines;
		String output;
		try (ApplicationJar node = ApplicationJar.start(directory, "out.log", "384m",
				List.of("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:structured-logging",
						"--logging.structured.format.console=ecs",
						"--liveguard.bootstrap.admin-password=structured-logging-password"))) {
			node.awaitOutput("Started LiveGuardApplication");
			// the lines from the moment Spring Boot configured the logging system
			lines = Files.readAllLines(node.log())
				.stream()
				.dropWhile((line) -> !line.startsWith("{\"@timestamp\""))
				.filter((line) -> !line.isBlank())
				.toList();
			node.stop();
			output = node.output();
		}

		assertThat(lines).as(output).isNotEmpty().allSatisfy((line) -> {
			JsonNode event = json.readTree(line);
			assertThat(event.get("@timestamp").asString()).isNotBlank();
			assertThat(event.get("log").get("level").asString()).isNotBlank();
			assertThat(event.get("ecs").get("version").asString()).isNotBlank();
			assertThat(event.get("service").get("name").asString()).isEqualTo("liveguard");
		});
		assertThat(lines).anySatisfy((line) -> assertThat(json.readTree(line).get("message").asString())
			.startsWith("Started LiveGuardApplication"));
	}

}
