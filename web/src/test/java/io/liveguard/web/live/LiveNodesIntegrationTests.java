package io.liveguard.web.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import io.liveguard.engine.generator.GeneratedLive;
import io.liveguard.engine.generator.LiveGenerator;
import io.liveguard.engine.session.SessionCodec;
import io.liveguard.web.LiveGuardApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static io.liveguard.web.live.SignalBatches.START;
import static io.liveguard.web.live.SignalBatches.batch;
import static io.liveguard.web.live.SignalBatches.flag;
import static io.liveguard.web.live.SignalBatches.goLive;
import static io.liveguard.web.live.SignalBatches.signal;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one database take turns with a live's requests (docs/lives.md, "Several
 * nodes"): each node's decider may have missed what the other judged, and must catch up
 * under the live's row lock before it decides. Every live sent alternately to the two
 * nodes answers, request by request, what its twin sent whole to one node answers (the
 * same accepted, duplicate and late counts, strikes, status and actions, never a
 * {@code 500}), and the stored live ends up the same; and requests sent to both nodes at
 * the same time are all answered, each action once. The nodes are two application
 * contexts in the test's JVM: on a shared in-memory H2 database, and, with
 * {@code -Ppostgres}, on a PostgreSQL database the test creates and drops.
 */
class LiveNodesIntegrationTests {

	private static final String PASSWORD = "live-nodes-admin-password";

	private static final ObjectMapper json = new SessionCodec().mapper();

	/**
	 * A ladder whose turns each miss something of the other node's: the product shown,
	 * viewers alone, a REMIND, a WARN, a repeat within live.repeatAfter (nothing) with a
	 * duplicate seq, the STOP, and signals after the STOP (accepted, deciding nothing).
	 */
	private static final List<String> SCRIPT = List.of(
			batch(signal(1, "00:30", "\"type\":\"PRODUCT_SHOWN\",\"sku\":\"p-1\"")), "{\"signals\":[],\"viewers\":420}",
			batch(signal(2, "01:00", flag("VULGAR_LANGUAGE"))),
			batch(signal(3, "02:00", flag("STATIC_IMAGE")) + "," + signal(4, "02:10", flag("INDECENT_ATTIRE"))),
			batch(signal(5, "03:00", flag("VULGAR_LANGUAGE")) + "," + signal(3, "02:00", flag("STATIC_IMAGE"))),
			batch(signal(2, "01:00", flag("VULGAR_LANGUAGE"))),
			batch(signal(6, "04:00", flag("OFF_PLATFORM_REDIRECT"))), batch(signal(7, "05:00", flag("DANGEROUS_ACT"))),
			batch(signal(6, "04:00", flag("OFF_PLATFORM_REDIRECT")) + ","
					+ signal(8, "05:30", "\"type\":\"DEAD_AIR\",\"durationSec\":5")));

	@Test
	void livesWhoseRequestsAlternateBetweenTwoNodesDecideAsOnOneNode() {
		// H2 waits a second for a row lock by default: four senders of one live on a
		// loaded machine may wait longer (PostgreSQL waits as long as it takes)
		String url = "jdbc:h2:mem:live-nodes-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
		try (ConfigurableApplicationContext first = node(url, "sa");
				ConfigurableApplicationContext second = node(url, "sa")) {
			alternate(client(first), client(second));
			race(first, second);
		}
	}

	@Test
	@EnabledIfSystemProperty(named = "liveguard.test.postgres", matches = "jdbc:postgresql:.*")
	void livesWhoseRequestsAlternateBetweenTwoNodesOnPostgresDecideAsOnOneNode() throws SQLException {
		String server = System.getProperty("liveguard.test.postgres", "");
		String user = System.getProperty("liveguard.test.postgres.user", "postgres");
		String database = "liveguard_live_nodes_it_" + UUID.randomUUID().toString().replace("-", "");
		execute(server, user, "create database " + database);
		try (ConfigurableApplicationContext first = node(server + database, user);
				ConfigurableApplicationContext second = node(server + database, user)) {
			alternate(client(first), client(second));
			race(first, second);
		}
		finally {
			execute(server, user, "drop database if exists " + database + " with (force)");
		}
	}

	private void alternate(RestTestClient first, RestTestClient second) {
		// the scripted ladder, strictly alternating
		List<RestTestClient> nodes = List.of(first, second);
		Turns scripted = sendBoth("nodes-ladder", goLive("nodes-ladder", "nodes-shop"), SCRIPT, (i) -> i % 2 == 1,
				nodes);
		assertThat(scripted.actions()).map((action) -> action.substring(0, action.lastIndexOf(' ')))
			.containsExactly(":1 REMIND VULGAR_CONTENT 1", ":2 WARN NO_LIVE_HOST 2", ":3 STOP OFF_PLATFORM_REDIRECT 3");
		assertThat(scripted.live().get("status").asString()).isEqualTo("STOPPED");

		// generated lives, strictly alternating or two requests on each node in turn (so
		// a node catches up on two of the other's)
		LiveGenerator generator = new LiveGenerator(13);
		int checked = 0;
		for (int index = 0; checked < 4 && index < 40; index++) {
			GeneratedLive generated = generator.live(index);
			if (generated.planted().isEmpty()) {
				continue;
			}
			String liveId = "nodes-" + generated.request().liveId();
			ObjectNode request = (ObjectNode) json.readTree(json.writeValueAsString(generated.request()));
			request.put("liveId", liveId);
			List<String> bodies = generated.requests().stream().map(SignalBatches::body).toList();
			IntPredicate onSecond = (checked % 2 == 0) ? (i) -> i % 2 == 1 : (i) -> (i / 2) % 2 == 1;
			Turns turns = sendBoth(liveId, request.toString(), bodies, onSecond, nodes);
			if (turns.live() != null) {
				checked++;
			}
		}
		assertThat(checked).isEqualTo(4);
	}

	/**
	 * Four senders, two on each node, send a live's requests at the same time: every
	 * request is answered (no {@code 500}), every signal accepted once, every action
	 * answered once and stored once under consecutive numbers; and the stored row is what
	 * a decider rebuilt from the stored requests says (a rebuild checks it), on both
	 * nodes.
	 */
	private void race(ConfigurableApplicationContext first, ConfigurableApplicationContext second) {
		String liveId = "nodes-race";
		List<RestTestClient> nodes = List.of(client(first), client(second));
		post(nodes.get(0), "/api/v1/lives", goLive(liveId, "nodes-shop"), HttpStatus.CREATED);
		List<String> codes = List.of("VULGAR_LANGUAGE", "STATIC_IMAGE", "OFF_PLATFORM_REDIRECT", "INDECENT_ATTIRE");
		List<Callable<List<JsonNode>>> senders = new ArrayList<>();
		for (int sender = 0; sender < 4; sender++) {
			int s = sender;
			senders.add(() -> {
				List<JsonNode> answers = new ArrayList<>();
				for (int r = 0; r < 10; r++) {
					String at = Instant.parse(START).plusSeconds(30 + r * 20 + s * 5).toString();
					String fields = (r % 4 == 3) ? flag(codes.get(s)) : "\"type\":\"PRODUCT_SHOWN\",\"sku\":\"p-1\"";
					String body = "{\"signals\":[{\"seq\":" + (s * 100 + r + 1) + ",\"at\":\"" + at + "\"," + fields
							+ "}],\"viewers\":" + (100 + r) + "}";
					answers.add(json
						.readTree(post(nodes.get(s % 2), "/api/v1/lives/" + liveId + "/signals", body, HttpStatus.OK)));
				}
				return answers;
			});
		}
		List<String> answered = new ArrayList<>();
		int accepted = 0;
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			for (Future<List<JsonNode>> sent : executor.invokeAll(senders)) {
				for (JsonNode answer : sent.get()) {
					accepted += answer.get("accepted").asInt();
					assertThat(answer.get("duplicates").asInt()).isZero();
					answer.get("actions").forEach((action) -> answered.add(action.get("actionId").asString()));
				}
			}
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(accepted).isEqualTo(40);
		JsonNode live = json.readTree(get(nodes.get(0), "/api/v1/lives/" + liveId));
		assertThat(live.get("signalsAccepted").asInt()).isEqualTo(40);
		List<String> stored = new ArrayList<>();
		live.get("actions").forEach((action) -> stored.add(action.get("actionId").asString()));
		assertThat(stored).isNotEmpty();
		assertThat(stored).as("numbered from 1, each once")
			.isEqualTo(IntStream.rangeClosed(1, stored.size()).mapToObj((n) -> liveId + ":" + n).toList());
		assertThat(answered).as("each answered once").containsExactlyInAnyOrderElementsOf(stored);

		// rebuilt from what is stored, each node's decider stands where the row does
		first.getBean(OpenLives.class).forget(liveId);
		second.getBean(OpenLives.class).forget(liveId);
		for (RestTestClient node : nodes) {
			JsonNode answer = json.readTree(post(node, "/api/v1/lives/" + liveId + "/signals",
					"{\"signals\":[],\"viewers\":7}", HttpStatus.OK));
			assertThat(answer.get("status").asString()).isEqualTo(live.get("status").asString());
			assertThat(answer.get("strikes").asInt()).isEqualTo(live.get("strikes").asInt());
			assertThat(answer.get("actions")).isEmpty();
		}
	}

	/**
	 * Sends the live's requests to the nodes in turn ({@code onSecond} says which) and a
	 * twin's to the first node only, and checks that both answer and store the same.
	 * @return the live's actions and its stored view, {@code null} when it was refused
	 */
	private Turns sendBoth(String liveId, String goLive, List<String> bodies, IntPredicate onSecond,
			List<RestTestClient> nodes) {
		String twinId = liveId + "-one";
		ObjectNode twinGoLive = (ObjectNode) json.readTree(goLive);
		twinGoLive.put("liveId", twinId);
		JsonNode opened = json.readTree(post(nodes.get(0), "/api/v1/lives", goLive, HttpStatus.CREATED));
		post(nodes.get(1), "/api/v1/lives", twinGoLive.toString(), HttpStatus.CREATED);
		if (opened.get("status").asString().equals("REFUSED")) {
			return new Turns(List.of(), null);
		}
		List<String> answers = new ArrayList<>();
		List<String> twinAnswers = new ArrayList<>();
		List<String> actions = new ArrayList<>();
		for (int i = 0; i < bodies.size(); i++) {
			RestTestClient node = nodes.get(onSecond.test(i) ? 1 : 0);
			JsonNode answer = json
				.readTree(post(node, "/api/v1/lives/" + liveId + "/signals", bodies.get(i), HttpStatus.OK));
			JsonNode twin = json
				.readTree(post(nodes.get(0), "/api/v1/lives/" + twinId + "/signals", bodies.get(i), HttpStatus.OK));
			answers.add(i + ": " + describe(answer));
			twinAnswers.add(i + ": " + describe(twin));
			answer.get("actions").forEach((action) -> actions.add(action(action)));
		}
		assertThat(answers).as("the answers of %s on alternating nodes", liveId).isEqualTo(twinAnswers);
		// either node reads what both stored
		JsonNode live = json.readTree(get(nodes.get(1), "/api/v1/lives/" + liveId));
		JsonNode twin = json.readTree(get(nodes.get(0), "/api/v1/lives/" + twinId));
		assertThat(stored(live)).as("the stored %s", liveId).isEqualTo(stored(twin));
		List<String> storedActions = new ArrayList<>();
		live.get("actions").forEach((action) -> storedActions.add(action(action)));
		assertThat(storedActions).as("every action stored once").isEqualTo(actions);
		return new Turns(actions, live);
	}

	/** What a request of signals answered, whatever the live's id. */
	private static String describe(JsonNode answer) {
		List<String> actions = new ArrayList<>();
		answer.get("actions").forEach((action) -> actions.add(action(action)));
		return answer.get("status").asString() + " accepted " + answer.get("accepted").asInt() + " duplicates "
				+ answer.get("duplicates").asInt() + " late " + answer.get("late").asInt() + " strikes "
				+ answer.get("strikes").asInt() + " " + actions;
	}

	/** What a live's view says of its state, whatever its id. */
	private static String stored(JsonNode live) {
		List<String> actions = new ArrayList<>();
		live.get("actions").forEach((action) -> actions.add(action(action)));
		return live.get("status").asString() + " strikes " + live.get("strikes").asInt() + " accepted "
				+ live.get("signalsAccepted").asInt() + " late " + live.get("late").asInt() + " " + actions;
	}

	/** An action as its number, level, code, strikes and at. */
	private static String action(JsonNode action) {
		String id = action.get("actionId").asString();
		return id.substring(id.lastIndexOf(':')) + " " + action.get("level").asString() + " "
				+ action.get("code").asString() + " " + action.get("strikes").asInt() + " "
				+ action.get("at").asString();
	}

	private static ConfigurableApplicationContext node(String url, String user) {
		return new SpringApplicationBuilder(LiveGuardApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
				"--spring.datasource.password=", "--liveguard.bootstrap.admin-password=" + PASSWORD);
	}

	private static RestTestClient client(ConfigurableApplicationContext node) {
		return RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + node.getEnvironment().getRequiredProperty("local.server.port"))
			.defaultHeaders((headers) -> headers.setBasicAuth("admin", PASSWORD))
			.build();
	}

	private static String post(RestTestClient node, String uri, String body, HttpStatus expected) {
		EntityExchangeResult<String> result = node.post()
			.uri(uri)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.returnResult(String.class);
		assertThat(result.getStatus()).as("%s %s", uri, result.getResponseBody()).isEqualTo(expected);
		return result.getResponseBody();
	}

	private static String get(RestTestClient node, String uri) {
		EntityExchangeResult<String> result = node.get().uri(uri).exchange().returnResult(String.class);
		assertThat(result.getStatus()).as("%s %s", uri, result.getResponseBody()).isEqualTo(HttpStatus.OK);
		return result.getResponseBody();
	}

	private static void execute(String server, String user, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server + "postgres", user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * What a live sent to alternating nodes decided.
	 *
	 * @param actions its actions as answered
	 * @param live its view, {@code null} when it was refused
	 */
	private record Turns(List<String> actions, JsonNode live) {
	}

}
