package io.liveguard.web.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that cannot hurt (issue 12), over real HTTP: bodies and lines over the limit,
 * loose JSON types, ids that do not belong in a URL, lone surrogates, extreme years, and
 * the firewall's and the container's errors, each a clear 4xx problem detail with nothing
 * stored.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + HostileInputIntegrationTests.PASSWORD,
				"liveguard.input.max-record-size=" + HostileInputIntegrationTests.LIMIT })
class HostileInputIntegrationTests {

	static final String PASSWORD = "admin-password-for-tests";

	static final String LIMIT = "256KB";

	private static final int LIMIT_BYTES = 256 * 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String PROBLEM = "application/problem+json";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void jsonBodyOverTheLimitAnswers413ProblemAndStoresNothing() {
		String record = example("clean-session.json", "hostile-big-1",
				(tree) -> tree.withArray("signals")
					.addObject()
					.put("at", "2026-11-20T12:10:00Z")
					.put("type", "TRANSCRIPT")
					.put("text", "x".repeat(LIMIT_BYTES)));

		HttpResponse<String> answer = post("/api/v1/sessions", "application/json", record);

		assertProblem(answer, 413).contains("limit of " + LIMIT_BYTES + " bytes");
		assertNotStored("hostile-big-1");
	}

	@Test
	void chunkedJsonBodyOverTheLimitAnswers413() {
		byte[] body = ("{\"sessionId\":\"hostile-chunked-1\",\"x\":\"" + "y".repeat(2 * LIMIT_BYTES) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = authorized("/api/v1/sessions").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		assertProblem(send(request), 413);
	}

	@Test
	void ndjsonLineOverTheLimitIsRejectedWithItsNumberAndTheOtherLinesAreStored() {
		String ndjson = example("clean-session.json", "hostile-line-1", (tree) -> {
		}) + "\n{\"sessionId\":\"hostile-line-2\",\"pad\":\"" + "z".repeat(LIMIT_BYTES) + "\"}\n"
				+ example("counterfeit.json", "hostile-line-3", (tree) -> {
				}) + "\n";

		HttpResponse<String> answer = post("/api/v1/sessions/batch", "application/x-ndjson", ndjson);

		assertThat(answer.statusCode()).isEqualTo(200);
		JsonNode summary = json.readTree(answer.body());
		assertThat(summary.get("accepted").asInt()).isEqualTo(2);
		assertThat(summary.get("rejected")).singleElement().satisfies((rejection) -> {
			assertThat(rejection.get("line").asLong()).isEqualTo(2);
			assertThat(rejection.get("error").asString())
				.contains("longer than the limit of " + LIMIT_BYTES + " bytes");
		});
		assertThat(stored("hostile-line-1")).isOne();
		assertNotStored("hostile-line-2");
		assertThat(stored("hostile-line-3")).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/products/0/category=3|products[0].category", "/startedAt=1763640000|startedAt",
			"/sellerId=8812|sellerId", "/signals/1/text=42|signals[1].text",
			"/host/identityVerified=1|host.identityVerified", "/startedAt=\"+5000000-01-01T00:00:00Z\"|startedAt",
			"/endedAt=\"+999999999-12-31T23:59:59Z\"|endedAt", "/sellerId=\"shop/x\"|sellerId",
			"/sellerId=\"shop%2Fx\"|sellerId", "/sellerId=\"shop;x\"|sellerId", "/sellerId=\"shop\\\\x\"|sellerId" })
	void sessionWithALooseTypeABadIdOrAnExtremeYearAnswers400NamingTheFieldAndStoresNothing(String change) {
		String pointer = change.substring(0, change.indexOf('='));
		String value = change.substring(change.indexOf('=') + 1, change.indexOf('|'));
		String id = "hostile-type-" + Math.abs(change.hashCode());
		String record = example("clean-session.json", id, (tree) -> set(tree, pointer, value));

		HttpResponse<String> answer = post("/api/v1/sessions", "application/json", record);

		assertProblem(answer, 400).startsWith(change.substring(change.indexOf('|') + 1) + ": ");
		assertNotStored(id);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a/b", "a%2Fb", "a;b", "a\\b" })
	void sessionIdWithAUrlCharacterAnswers400AndIsNeverStored(String id) {
		HttpResponse<String> answer = post("/api/v1/sessions", "application/json",
				example("clean-session.json", id, (tree) -> {
				}));

		assertProblem(answer, 400).startsWith("sessionId: must be 1-128 characters of A-Z a-z 0-9 . _ : -");
		assertNotStored(id);
	}

	@Test
	void transcriptWithALoneSurrogateAnswers400AndIsNotStored() {
		String record = example("clean-session.json", "hostile-surrogate-1", (tree) -> {
		}).replaceFirst("\"text\":\"[^\"]*\"", "\"text\":\"live \\\\ud800 now\"");
		assertThat(record).contains("\\ud800");

		HttpResponse<String> answer = post("/api/v1/sessions", "application/json", record);

		assertProblem(answer, 400).contains("signals[").contains("lone UTF-16 surrogate");
		assertNotStored("hostile-surrogate-1");
		assertThat(send(authorized("/api/v1/sessions/hostile-surrogate-1").GET().build()).statusCode()).isEqualTo(404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"businessDate\": 2147483648}", "{\"businessDate\": [2026, 11, 20]}",
			"{\"businessDate\": \"+5881580-07-11\"}", "{\"businessDate\": \"2026-11-20\", \"market\": 84}" })
	void penaltyRunForABusinessDateThatIsNotAStringInRangeAnswers400AndStartsNothing(String body) {
		long runs = this.jdbc.sql("select count(*) from batch_job_execution").query(Long.class).single();

		HttpResponse<String> answer = post("/api/v1/penalty-runs", "application/json", body);

		assertProblem(answer, 400).containsAnyOf("businessDate", "market");
		assertThat(this.jdbc.sql("select count(*) from batch_job_execution").query(Long.class).single())
			.isEqualTo(runs);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/v1/sessions/a%2Fb", "/api/v1/sessions/a;b", "/api/v1/sessions/a%3Bb",
			"/api/v1/sessions/a%5Cb", "/api/v1//sessions/x", "/api/v1/sessions/%2e%2e/x", "/api/v1/sessions/a%25b" })
	void urlTheFirewallRejectsAnswers400Problem(String path) {
		String response = raw("GET " + path + " HTTP/1.1");

		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"status\":400");
	}

	@Test
	void sessionIdOutsideTheFormatInThePathAnswers400Problem() {
		HttpResponse<String> answer = send(authorized("/api/v1/sessions/x!y").GET().build());

		assertProblem(answer, 400).startsWith("sessionId: must be 1-128 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "application/json", "*/*" })
	void errorTheContainerForwardsToErrorIsAProblemDetailOnAnApiPathWhateverTheClientAccepts(String accept) {
		HttpResponse<String> answer = send(
				authorized(ContainerErrors.SEND_ERROR).header("Accept", accept).GET().build());

		assertThat(answer.statusCode()).isEqualTo(503);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROBLEM);
		JsonNode problem = json.readTree(answer.body());
		assertThat(problem.get("status").asInt()).isEqualTo(503);
		assertThat(problem.get("instance").asString()).isEqualTo(ContainerErrors.SEND_ERROR);
	}

	@Test
	void exceptionThrownPastSpringMvcIsA500ProblemWithoutItsMessage() {
		HttpResponse<String> answer = send(authorized(ContainerErrors.THROW).GET().build());

		assertProblem(answer, 500).doesNotContain("secret");
	}

	/**
	 * Filters that fail the way the servlet container sees failures: a sendError, an
	 * exception.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ContainerErrors {

		static final String SEND_ERROR = "/api/v1/test/send-error";

		static final String THROW = "/api/v1/test/throw";

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {
						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							if (SEND_ERROR.equals(request.getRequestURI())) {
								response.sendError(503);
							}
							else if (THROW.equals(request.getRequestURI())) {
								throw new IllegalStateException("a secret the caller must not see");
							}
							else {
								chain.doFilter(request, response);
							}
						}
					});
			registration.addUrlPatterns("/api/v1/test/*");
			// before the security filters, as the container's own failures would be
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	private HttpResponse<String> post(String path, String contentType, String body) {
		return send(authorized(path).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpRequest.Builder authorized(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", basic());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A request written by hand, for URLs that HTTP clients refuse to send. */
	private String raw(String requestLine, String... headers) {
		try (Socket socket = new Socket("localhost", this.port)) {
			StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: localhost\r\nAuthorization: ")
				.append(basic())
				.append("\r\nConnection: close\r\n");
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			OutputStream out = socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static org.assertj.core.api.AbstractStringAssert<?> assertProblem(HttpResponse<String> answer, int status) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROBLEM);
		JsonNode problem = json.readTree(answer.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		return assertThat(problem.get("detail").asString());
	}

	private void assertNotStored(String sessionId) {
		assertThat(stored(sessionId)).isZero();
	}

	private long stored(String sessionId) {
		return this.jdbc.sql("select count(*) from live_session where session_id = ?")
			.param(sessionId)
			.query(Long.class)
			.single();
	}

	private static String basic() {
		return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static void set(ObjectNode tree, String pointer, String value) {
		String parent = pointer.substring(0, pointer.lastIndexOf('/'));
		String last = pointer.substring(pointer.lastIndexOf('/') + 1);
		JsonNode node = parent.isEmpty() ? tree : tree.at(parent);
		if (node.isArray()) {
			((tools.jackson.databind.node.ArrayNode) node).set(Integer.parseInt(last), json.readTree(value));
		}
		else {
			((ObjectNode) node).set(last, json.readTree(value));
		}
	}

	private static String example(String file, String sessionId, java.util.function.Consumer<ObjectNode> change) {
		try (InputStream in = HostileInputIntegrationTests.class.getResourceAsStream("/examples/" + file)) {
			ObjectNode tree = (ObjectNode) json.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			tree.put("sessionId", sessionId);
			change.accept(tree);
			return json.writeValueAsString(tree);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
