package io.liveguard.web.system;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application starts with structured logging switched on (README, "Operating
 * LiveGuard") and then writes every log line as one JSON object in the Elastic Common
 * Schema. The test classpath holds the engine's {@code logback-test.xml}, which would
 * replace Spring Boot's default logging set-up (and with it the structured format), so
 * this test names Boot's own equivalent of that set-up, {@code logback-structured.xml}.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
		properties = { "logging.structured.format.console=ecs", "logging.config=classpath:logback-structured.xml" })
class StructuredLoggingIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void everyLogLineOfTheStartIsAJsonObject(CapturedOutput output) {
		// the lines from the moment Spring Boot configured the logging system
		List<String> lines = output.getOut()
			.lines()
			.dropWhile((line) -> !line.startsWith("{\"@timestamp\""))
			.filter((line) -> !line.isBlank())
			.toList();

		assertThat(lines).as(output.getOut()).isNotEmpty().allSatisfy((line) -> {
			JsonNode event = json.readTree(line);
			assertThat(event.get("@timestamp").asString()).isNotBlank();
			assertThat(event.get("log").get("level").asString()).isNotBlank();
			assertThat(event.get("ecs").get("version").asString()).isNotBlank();
			assertThat(event.get("service").get("name").asString()).isEqualTo("liveguard");
		});
		assertThat(lines).anySatisfy((line) -> assertThat(json.readTree(line).get("message").asString())
			.startsWith("Started StructuredLoggingIntegrationTests"));
	}

}
