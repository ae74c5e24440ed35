package io.liveguard.web.live;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;

import io.liveguard.engine.session.SessionCodec;
import io.liveguard.web.ApplicationJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static io.liveguard.web.live.SignalBatches.batch;
import static io.liveguard.web.live.SignalBatches.flag;
import static io.liveguard.web.live.SignalBatches.goLive;
import static io.liveguard.web.live.SignalBatches.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A live survives {@code kill -9} (issue 13, "Restart"): the application jar runs in a
 * JVM of its own on an H2 file database; a live gets its first requests of signals, the
 * JVM is killed without a chance to clean up, and a new one on the same database takes
 * the next requests. They decide what the same requests decide for a live that was never
 * interrupted (a twin sent the whole script after the restart), no action is decided or
 * stored twice, and a live forgotten while the node was down is ended by the idle timeout
 * of the new one. One restart, so two JVM starts.
 */
class LiveRestartIntegrationTests {

	private static final int PORT = 18113;

	private static final String PASSWORD = "restart-test-admin-password";

	private static final ObjectMapper json = new SessionCodec().mapper();

	/**
	 * The script: the product shown, a REMIND, a WARN; then, after the restart, a repeat
	 * within live.repeatAfter (nothing, if the state was rebuilt) with a duplicate seq,
	 * and a third strike (STOP, as action 3 and never action 1 again).
	 */
	private static final List<String> BEFORE = List.of(
			batch(signal(1, "00:30", "\"type\":\"PRODUCT_SHOWN\",\"sku\":\"p-1\"")),
			batch(signal(2, "01:00", flag("VULGAR_LANGUAGE"))),
			batch(signal(3, "02:00", flag("STATIC_IMAGE")) + "," + signal(4, "02:10", flag("INDECENT_ATTIRE"))));

	private static final List<String> AFTER = List.of(
			batch(signal(5, "03:00", flag("VULGAR_LANGUAGE")) + "," + signal(3, "02:00", flag("STATIC_IMAGE"))),
			batch(signal(6, "04:00", flag("OFF_PLATFORM_REDIRECT"))), batch(signal(7, "05:00", flag("DANGEROUS_ACT"))));

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aLiveDecidesAfterKillNineAsWithoutItAndTheIdleTimeoutStillEndsAForgottenOne(@TempDir Path directory)
			throws Exception {
		// the application's default database, moved to a temporary directory
		String url = ApplicationJar.defaultDatabaseIn(directory);

		List<JsonNode> answers = new ArrayList<>();
		// closing the node kills it: kill -9, no chance to clean up
		try (ApplicationJar first = start(url, directory, "first.log")) {
			assertThat(post("/api/v1/lives", goLive("restart-live", "restart-shop")).statusCode()).isEqualTo(201);
			assertThat(post("/api/v1/lives", goLive("restart-forgotten", "restart-shop")).statusCode()).isEqualTo(201);
			assertThat(signals("restart-forgotten", batch(signal(1, "00:40", "\"type\":\"DEAD_AIR\",\"durationSec\":5"))
				.replace("}]}", "}],\"viewers\":64}")).get("accepted").asInt()).isEqualTo(1);
			for (String batch : BEFORE) {
				answers.add(signals("restart-live", batch));
			}
		}
		assertThat(actions(answers)).as("decided before the kill")
			.containsExactly(":1 REMIND VULGAR_CONTENT 1", ":2 WARN NO_LIVE_HOST 2");

		// the forgotten live last heard of 31 minutes ago, while the node was down
		try (Connection connection = DriverManager.getConnection(url, "sa", "");
				PreparedStatement update = connection
					.prepareStatement("update live set last_received_at = ? where live_id = 'restart-forgotten'")) {
			update.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofMinutes(31))));
			assertThat(update.executeUpdate()).isOne();
		}

		try (ApplicationJar second = start(url, directory, "second.log")) {
			for (String batch : AFTER) {
				answers.add(signals("restart-live", batch));
			}
			// the twin, never interrupted: the whole script on the new node
			assertThat(post("/api/v1/lives", goLive("restart-twin", "restart-shop")).statusCode()).isEqualTo(201);
			List<JsonNode> twin = new ArrayList<>();
			for (String batch : BEFORE) {
				twin.add(signals("restart-twin", batch));
			}
			for (String batch : AFTER) {
				twin.add(signals("restart-twin", batch));
			}

			assertThat(actions(answers)).isEqualTo(actions(twin))
				.containsExactly(":1 REMIND VULGAR_CONTENT 1", ":2 WARN NO_LIVE_HOST 2",
						":3 STOP OFF_PLATFORM_REDIRECT 3");
			assertThat(counts(answers)).as("accepted, duplicates, late, strikes, status of each request")
				.isEqualTo(counts(twin));
			assertThat(answers.get(3).get("duplicates").asInt()).isOne();
			JsonNode live = json.readTree(get("/api/v1/lives/restart-live").body());
			List<String> stored = new ArrayList<>();
			live.get("actions").forEach((action) -> stored.add(action.get("actionId").asString()));
			assertThat(stored).as("every action stored once")
				.containsExactly("restart-live:1", "restart-live:2", "restart-live:3");
			assertThat(new HashSet<>(stored)).hasSameSizeAs(stored);
			assertThat(live.get("status").asString()).isEqualTo("STOPPED");
			assertThat(live.get("signalsAccepted").asInt()).isEqualTo(7);

			// the forgotten live is ended by the new node's idle sweep, at its last
			// signal
			JsonNode forgotten = await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> json.readTree(get("/api/v1/lives/restart-forgotten").body()),
						(found) -> found.get("status").asString().equals("ENDED"));
			assertThat(forgotten.get("endedAt").asString()).isEqualTo("2026-12-03T12:00:40Z");
			assertThat(get("/api/v1/sessions/restart-forgotten").body()).contains("\"peakViewers\":64");
		}
	}

	private static ApplicationJar start(String url, Path directory, String log) {
		return ApplicationJar
			.start(directory, log,
					List.of("--server.port=" + PORT, "--spring.datasource.url=" + url,
							"--liveguard.bootstrap.admin-password=" + PASSWORD, "--liveguard.live.idle-sweep=PT1S"))
			.awaitHealthy(PORT);
	}

	private JsonNode signals(String liveId, String body) throws Exception {
		HttpResponse<String> response = post("/api/v1/lives/" + liveId + "/signals", body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> post(String path, String body) throws Exception {
		return this.http.send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String path) {
		String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
			.header("Authorization", "Basic " + credentials)
			.timeout(Duration.ofSeconds(30));
	}

	/** Each action as its number, level, code and strikes, whatever the live's id. */
	private static List<String> actions(List<JsonNode> answers) {
		List<String> actions = new ArrayList<>();
		for (JsonNode answer : answers) {
			for (JsonNode action : answer.get("actions")) {
				String id = action.get("actionId").asString();
				actions.add(id.substring(id.lastIndexOf(':')) + " " + action.get("level").asString() + " "
						+ action.get("code").asString() + " " + action.get("strikes").asInt());
			}
		}
		return actions;
	}

	private static List<String> counts(List<JsonNode> answers) {
		return answers.stream()
			.map((answer) -> answer.get("accepted").asInt() + " " + answer.get("duplicates").asInt() + " "
					+ answer.get("late").asInt() + " " + answer.get("strikes").asInt() + " "
					+ answer.get("status").asString())
			.toList();
	}

}
