package io.liveguard.web.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
		Path jar = Path.of(System.getProperty("liveguard.test.jar", "target/liveguard.jar")).toAbsolutePath();
		assertThat(jar).as("the application jar, built by package before Failsafe runs").isRegularFile();
		Path output = directory.resolve("out.log");
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:structured-logging", "--logging.structured.format.console=ecs",
				"--liveguard.bootstrap.admin-password=structured-logging-password")
			.directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		List<String> lines;
		try {
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> !process.isAlive() || read(output).contains("Started LiveGuardApplication"));
			assertThat(process.isAlive()).as(read(output)).isTrue();
			// the lines from the moment Spring Boot configured the logging system
			lines = Files.readAllLines(output)
				.stream()
				.dropWhile((line) -> !line.startsWith("{\"@timestamp\""))
				.filter((line) -> !line.isBlank())
				.toList();
		}
		finally {
			process.destroy();
			process.waitFor();
		}

		assertThat(lines).as(read(output)).isNotEmpty().allSatisfy((line) -> {
			JsonNode event = json.readTree(line);
			assertThat(event.get("@timestamp").asString()).isNotBlank();
			assertThat(event.get("log").get("level").asString()).isNotBlank();
			assertThat(event.get("ecs").get("version").asString()).isNotBlank();
			assertThat(event.get("service").get("name").asString()).isEqualTo("liveguard");
		});
		assertThat(lines).anySatisfy((line) -> assertThat(json.readTree(line).get("message").asString())
			.startsWith("Started LiveGuardApplication"));
	}

	private static String read(Path output) throws IOException {
		return Files.exists(output) ? Files.readString(output) : "";
	}

}
