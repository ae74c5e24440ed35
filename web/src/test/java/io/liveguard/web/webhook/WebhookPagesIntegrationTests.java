package io.liveguard.web.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.liveguard.web.page.PageTestConfiguration;
import io.liveguard.web.user.PageUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static io.liveguard.web.page.AdminForms.between;
import static io.liveguard.web.page.AdminForms.body;
import static io.liveguard.web.page.AdminForms.page;
import static io.liveguard.web.page.AdminForms.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The webhooks pages through their forms, with the page tests' context (its clock stands
 * still at {@link PageTestConfiguration#NOW}): the same service as the API, so the same
 * refusals and audit events; messages go to a plain HTTP server on loopback that answers
 * what the test tells it.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class WebhookPagesIntegrationTests {

	private static final String SECRET_START = "<code class=\"secret\">";

	private static Answering receiver;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private WebhookDispatcher dispatcher;

	@Autowired
	private WebhookEndpoints endpoints;

	@BeforeAll
	static void startReceiver() throws IOException {
		receiver = new Answering();
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void anAddedEndpointShowsItsSecretOnceAndItsTestArrivesSignedWithIt() {
		// given
		MockHttpSession session = new MockHttpSession();
		String url = receiver.url("/added-" + UUID.randomUUID());

		// when
		assertThat(post(this.mvc, session, "/admin/webhooks", "url", url, "events", "penalty.decided", "events",
				"appeal.decided", "description", "Shop VN decisions"))
			.hasRedirectedUrl("/admin/webhooks");

		// then: the secret this once, then never again
		String shown = page(this.mvc, session, "/admin/webhooks");
		assertThat(shown).contains("The signing secret of " + url + ", shown this once:");
		String secret = between(shown, SECRET_START, "</code>");
		assertThat(secret).startsWith("whsec_");
		String id = endpointAt(url);
		assertThat(between(shown, "id=\"webhook-" + id + "\"", "</tr>")).contains(url, "penalty.decided",
				"appeal.decided", "Shop VN decisions", "Active", "None yet");
		assertThat(page(this.mvc, session, "/admin/webhooks")).as("shown once")
			.doesNotContain(secret, "class=\"secret\"");
		assertThat(this.jdbc.sql("select events from webhook_endpoint where endpoint_id = ?")
			.param(id)
			.query(String.class)
			.single()).isEqualTo("penalty.decided,appeal.decided");
		assertThat(page(this.mvc, session, "/admin/audit?type=WEBHOOK_CREATED")).contains(id);

		// and a test sent from the page arrives signed with that secret, and shows as
		// delivered
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/test"))
			.hasRedirectedUrl("/admin/webhooks/" + id + "/deliveries");
		String messageId = this.jdbc.sql("select message_id from webhook_message where endpoint_id = ?")
			.param(id)
			.query(String.class)
			.single();
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries"))
			.contains("Test event sent as message " + messageId + ".");
		await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(status(messageId)));
		Receiver.Received received = receiver.received(messageId);
		assertThat(Receiver.signedWith(received, secret)).isTrue();
		assertThat(received.body()).contains("\"type\":\"webhook.test\"");
		String deliveries = page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries");
		assertThat(between(deliveries, "id=\"message-" + messageId + "\"", "</tr>"))
			.contains("webhook.test", "Delivered", "HTTP 204")
			.doesNotContain("/retry");
		assertThat(between(page(this.mvc, session, "/admin/webhooks"), "id=\"webhook-" + id + "\"", "</tr>"))
			.contains("Delivered", "webhook.test");
		assertThat(page(this.mvc, session, "/admin/audit?type=WEBHOOK_TEST_SENT")).contains(messageId);
	}

	@Test
	void aRefusedEndpointComesBackAsTheApisMessageAndNothingIsStored() {
		MockHttpSession session = new MockHttpSession();
		long before = this.jdbc.sql("select count(*) from webhook_endpoint").query(Long.class).single();

		assertThat(post(this.mvc, session, "/admin/webhooks", "url", "ftp://platform.example/hook", "events",
				"webhook.test"))
			.hasRedirectedUrl("/admin/webhooks");
		assertThat(page(this.mvc, session, "/admin/webhooks"))
			.contains("Not done: url: must be an absolute http or https URL");
		assertThat(post(this.mvc, session, "/admin/webhooks", "url", "https://platform.example/hook"))
			.hasRedirectedUrl("/admin/webhooks");
		assertThat(page(this.mvc, session, "/admin/webhooks")).contains("Not done: events: is required");
		assertThat(post(this.mvc, session, "/admin/webhooks", "url", "https://user:pw@platform.example/hook", "events",
				"webhook.test"))
			.hasRedirectedUrl("/admin/webhooks");
		assertThat(page(this.mvc, session, "/admin/webhooks")).contains("Not done: url: must not carry credentials")
			.doesNotContain(SECRET_START);

		assertThat(this.jdbc.sql("select count(*) from webhook_endpoint").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void anAdminEditsDisablesAndEnablesAnEndpointAndADisabledOneIsSentNoTest() {
		// given
		MockHttpSession session = new MockHttpSession();
		String id = create(session, receiver.url("/edited-" + UUID.randomUUID()), "webhook.test");
		String changed = receiver.url("/changed-" + UUID.randomUUID());
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/edit")).contains("Edit an endpoint",
				"name=\"enabled\"");

		// when: every event, a new url, and the box "enabled" left unchecked
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id, "url", changed, "events", "*", "description",
				"all of it"))
			.hasRedirectedUrl("/admin/webhooks");

		// then
		assertThat(page(this.mvc, session, "/admin/webhooks")).contains("Endpoint " + changed + " saved (DISABLED).");
		WebhookEndpoint endpoint = endpoint(id);
		assertThat(endpoint.url()).isEqualTo(changed);
		assertThat(endpoint.events()).containsExactly("*");
		assertThat(endpoint.description()).isEqualTo("all of it");
		assertThat(endpoint.status()).isEqualTo(WebhookEndpoint.Status.DISABLED);
		assertThat(endpoint.disabledReason()).isEqualTo("disabled by admin");
		String edit = page(this.mvc, session, "/admin/webhooks/" + id + "/edit");
		assertThat(edit).contains("value=\"" + changed + "\"", "all of it", "Disabled: disabled by admin");
		assertThat(between(page(this.mvc, session, "/admin/webhooks"), "id=\"webhook-" + id + "\"", "</tr>"))
			.contains("Disabled", "All events (*)");

		// and a disabled endpoint is sent no test
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/test")).hasRedirectedUrl("/admin/webhooks");
		assertThat(page(this.mvc, session, "/admin/webhooks"))
			.contains("Not done: status: webhook endpoint &#39;" + id + "&#39; is DISABLED and is sent nothing");
		assertThat(this.jdbc.sql("select count(*) from webhook_message where endpoint_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();

		// a refused change goes back to the edit page and changes nothing
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id, "url", changed, "events", "*", "events",
				"webhook.test", "enabled", "true"))
			.hasRedirectedUrl("/admin/webhooks/" + id + "/edit");
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/edit"))
			.contains("Not done: events: * means every type and stands alone");
		assertThat(endpoint(id).status()).isEqualTo(WebhookEndpoint.Status.DISABLED);

		// enabled again
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id, "url", changed, "events", "webhook.test",
				"description", "", "enabled", "true"))
			.hasRedirectedUrl("/admin/webhooks");
		assertThat(endpoint(id).status()).isEqualTo(WebhookEndpoint.Status.ACTIVE);
		assertThat(page(this.mvc, session, "/admin/audit?type=WEBHOOK_UPDATED")).contains(id);
	}

	@Test
	void aRotatedSecretIsShownOnceAndTheOldOneStillSignsForADay() {
		// given
		MockHttpSession session = new MockHttpSession();
		String url = receiver.url("/rotated-" + UUID.randomUUID());
		assertThat(post(this.mvc, session, "/admin/webhooks", "url", url, "events", "webhook.test"))
			.hasRedirectedUrl("/admin/webhooks");
		String first = between(page(this.mvc, session, "/admin/webhooks"), SECRET_START, "</code>");
		String id = endpointAt(url);

		// when
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/rotate")).hasRedirectedUrl("/admin/webhooks");

		// then
		String shown = page(this.mvc, session, "/admin/webhooks");
		String rotated = between(shown, SECRET_START, "</code>");
		assertThat(rotated).startsWith("whsec_").isNotEqualTo(first);
		assertThat(shown).contains("The signing secret of " + url + ", shown this once:",
				"The previous secret also signs every message until 24 Nov 2026");
		assertThat(page(this.mvc, session, "/admin/webhooks")).doesNotContain(rotated);
		assertThat(endpoint(id).previousSecretValidUntil())
			.isEqualTo(PageTestConfiguration.NOW.plus(Duration.ofHours(24)));
		assertThat(page(this.mvc, session, "/admin/audit?type=WEBHOOK_SECRET_ROTATED")).contains(id);
	}

	@Test
	void anEndpointIsDeletedOnlyThroughItsConfirmationForm() {
		// given
		MockHttpSession session = new MockHttpSession();
		String url = receiver.url("/deleted-" + UUID.randomUUID());
		String id = create(session, url, "webhook.test");

		// when: the link asks first
		String confirm = page(this.mvc, session, "/admin/webhooks/" + id + "/delete");
		assertThat(confirm).contains("Delete the endpoint " + url + " with all its messages?",
				"action=\"/admin/webhooks/" + id + "/delete\"", "name=\"_csrf\"");
		assertThat(endpoint(id)).isNotNull();
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/delete")).hasRedirectedUrl("/admin/webhooks");

		// then
		assertThat(page(this.mvc, session, "/admin/webhooks")).contains("Endpoint " + url + " is deleted.")
			.doesNotContain("id=\"webhook-" + id + "\"");
		assertThat(this.jdbc.sql("select count(*) from webhook_endpoint where endpoint_id = ?")
			.param(id)
			.query(Long.class)
			.single()).isZero();
		assertThat(page(this.mvc, session, "/admin/audit?type=WEBHOOK_DELETED")).contains(id);
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/delete")).hasRedirectedUrl("/admin/webhooks");
		assertThat(page(this.mvc, session, "/admin/webhooks"))
			.contains("Not done: id: no webhook endpoint &#39;" + id + "&#39;");
	}

	@Test
	void aFailedMessageShowsItsAttemptsAndIsRetriedFromItsPage() {
		// given: an endpoint whose receiver answers 500 to every attempt of the schedule
		MockHttpSession session = new MockHttpSession();
		String path = "/down-" + UUID.randomUUID();
		receiver.failing(path);
		String id = create(session, receiver.url(path), "webhook.test");
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/test"))
			.hasRedirectedUrl("/admin/webhooks/" + id + "/deliveries");
		String messageId = this.jdbc.sql("select message_id from webhook_message where endpoint_id = ?")
			.param(id)
			.query(String.class)
			.single();
		await().atMost(Duration.ofSeconds(10)).until(() -> attempts(messageId) >= 1);
		assertThat(between(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries"),
				"id=\"message-" + messageId + "\"", "</tr>"))
			.contains("Pending", "HTTP 500", "next attempt 23 Nov 2026");
		forceEveryAttempt(messageId);

		// when
		String failed = page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries?status=FAILED");

		// then: each attempt with its answer, and a retry button
		String row = between(failed, "id=\"message-" + messageId + "\"", "</tr>");
		assertThat(row).contains("Failed", "webhook.test",
				"action=\"/admin/webhooks/" + id + "/deliveries/" + messageId + "/retry\"");
		assertThat(row.split("HTTP 500", -1)).hasSize(11);
		// with what the receiver answered, as text, never as markup
		assertThat(row).contains("&lt;b&gt;Down&lt;/b&gt; &amp; &quot;out&quot;").doesNotContain("<b>Down</b>");
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries?status=DELIVERED"))
			.doesNotContain(messageId)
			.contains("No messages.");
		assertThat(between(page(this.mvc, session, "/admin/webhooks"), "id=\"webhook-" + id + "\"", "</tr>"))
			.contains("Failed");

		// and when the receiver is back, the retry delivers it
		receiver.recovered(path);
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/deliveries/" + messageId + "/retry"))
			.hasRedirectedUrl("/admin/webhooks/" + id + "/deliveries");
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries"))
			.contains("Message " + messageId + " is sent again now.");
		await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(status(messageId)));
		String delivered = between(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries?status=DELIVERED"),
				"id=\"message-" + messageId + "\"", "</tr>");
		assertThat(delivered).contains("Delivered", "HTTP 204").doesNotContain("/retry");
		assertThat(page(this.mvc, session, "/admin/audit?type=WEBHOOK_DELIVERY_RETRIED")).contains(messageId);

		// a message that is not FAILED is not retried by hand
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/deliveries/" + messageId + "/retry"))
			.hasRedirectedUrl("/admin/webhooks/" + id + "/deliveries");
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries"))
			.contains("Not done: status: message &#39;" + messageId + "&#39; is DELIVERED");
	}

	@Test
	void anAttemptWithoutAnAnswerShowsWhy() throws IOException {
		// given: a port nothing listens on
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		MockHttpSession session = new MockHttpSession();
		String id = create(session, "http://127.0.0.1:" + closed + "/nobody", "webhook.test");

		// when
		assertThat(post(this.mvc, session, "/admin/webhooks/" + id + "/test"))
			.hasRedirectedUrl("/admin/webhooks/" + id + "/deliveries");
		String messageId = this.jdbc.sql("select message_id from webhook_message where endpoint_id = ?")
			.param(id)
			.query(String.class)
			.single();
		await().atMost(Duration.ofSeconds(10)).until(() -> attempts(messageId) >= 1);

		// then
		assertThat(between(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries"),
				"id=\"message-" + messageId + "\"", "</tr>"))
			.contains("Pending", "No answer", "ConnectException")
			.doesNotContain("HTTP ");
	}

	@Test
	void theWebhooksPagesSpeakVietnamese() {
		MockHttpSession session = new MockHttpSession();
		String id = create(session, receiver.url("/vi-" + UUID.randomUUID()), "webhook.test");
		assertThat(body(this.mvc.get()
			.uri("/admin/webhooks?lang=vi")
			.session(session)
			.with(user(PageUsers.admin("admin")))
			.exchange())).contains("Thêm địa chỉ nhận", "Thay khóa ký", "Gửi thử");
		assertThat(page(this.mvc, session, "/admin/webhooks/" + id + "/deliveries?lang=vi")).contains("Lượt gửi",
				"Lọc");
	}

	/**
	 * Moves each retry of the message to now (the clock stands still) until it is FAILED.
	 */
	private void forceEveryAttempt(String messageId) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
			this.jdbc.sql("""
					update webhook_message set next_attempt_at = ?
					where message_id = ? and status = 'PENDING' and claim is null
					""").params(PageTestConfiguration.NOW.atOffset(ZoneOffset.UTC), messageId).update();
			this.dispatcher.wake();
			return "FAILED".equals(status(messageId));
		});
		assertThat(attempts(messageId)).isEqualTo(10);
	}

	private String create(MockHttpSession session, String url, String events) {
		assertThat(post(this.mvc, session, "/admin/webhooks", "url", url, "events", events))
			.hasRedirectedUrl("/admin/webhooks");
		assertThat(page(this.mvc, session, "/admin/webhooks")).contains(SECRET_START);
		return endpointAt(url);
	}

	private String endpointAt(String url) {
		return this.jdbc.sql("select endpoint_id from webhook_endpoint where url = ?")
			.param(url)
			.query(String.class)
			.single();
	}

	private WebhookEndpoint endpoint(String id) {
		return this.endpoints.get(id);
	}

	private String status(String messageId) {
		return this.jdbc.sql("select status from webhook_message where message_id = ?")
			.param(messageId)
			.query(String.class)
			.single();
	}

	private int attempts(String messageId) {
		return this.jdbc.sql("select attempts from webhook_message where message_id = ?")
			.param(messageId)
			.query(Integer.class)
			.single();
	}

	/**
	 * A receiver on loopback that answers 204, or 500 with a little HTML on a failing
	 * path, and keeps what came. (The tests' {@link Receiver} also checks the timestamp
	 * against the real clock, which the pages' fixed clock is days behind.)
	 */
	static final class Answering implements AutoCloseable {

		private final HttpServer server;

		private final List<Receiver.Received> received = new CopyOnWriteArrayList<>();

		private final List<String> failing = new CopyOnWriteArrayList<>();

		Answering() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		void failing(String path) {
			this.failing.add(path);
		}

		void recovered(String path) {
			this.failing.remove(path);
		}

		Receiver.Received received(String messageId) {
			return this.received.stream()
				.filter((request) -> messageId.equals(request.id()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no request with webhook-id " + messageId));
		}

		private void handle(HttpExchange exchange) throws IOException {
			String path = exchange.getRequestURI().getPath();
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			int status = this.failing.contains(path) ? 500 : 204;
			this.received.add(new Receiver.Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
					exchange.getRequestHeaders().getFirst("webhook-timestamp"), body,
					exchange.getRequestHeaders().getFirst("webhook-signature"), true, status, Instant.now(),
					exchange.getRequestHeaders().getFirst("content-type")));
			if (status == 500) {
				byte[] answer = "<b>Down</b> & \"out\"".getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, answer.length);
				exchange.getResponseBody().write(answer);
			}
			else {
				exchange.sendResponseHeaders(status, -1);
			}
			exchange.close();
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
