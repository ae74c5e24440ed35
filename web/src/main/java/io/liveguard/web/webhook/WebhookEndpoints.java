package io.liveguard.web.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.liveguard.batch.webhook.EventTypes;
import io.liveguard.batch.webhook.WebhookOutbox;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, changes, rotates and removes endpoints (events.md, "Endpoints"); every
 * change is an audit event under the admin's name. Secrets are stored encrypted and shown
 * once.
 */
class WebhookEndpoints {

	static final String CREATED = "WEBHOOK_CREATED";

	static final String UPDATED = "WEBHOOK_UPDATED";

	static final String ROTATED = "WEBHOOK_SECRET_ROTATED";

	static final String DELETED = "WEBHOOK_DELETED";

	static final String TESTED = "WEBHOOK_TEST_SENT";

	static final String DISABLED_BY_410 = "WEBHOOK_DISABLED";

	static final int MAX_URL = 2048;

	static final int MAX_DESCRIPTION = 1000;

	static final int MAX_EVENTS = 20;

	private static final String SELECT = """
			select endpoint_id, url, events, description, status, disabled_reason, previous_secret_until, created_by,
			       created_at, updated_at
			from webhook_endpoint
			""";

	private final JdbcClient jdbc;

	private final WebhookSecrets secrets;

	private final WebhookOutbox outbox;

	private final ApplicationEventPublisher events;

	private final WebhookProperties properties;

	private final WebhookDestinations destinations;

	private final Clock clock;

	WebhookEndpoints(JdbcClient jdbc, WebhookSecrets secrets, WebhookOutbox outbox, ApplicationEventPublisher events,
			WebhookProperties properties, WebhookDestinations destinations, Clock clock) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.outbox = outbox;
		this.events = events;
		this.properties = properties;
		this.destinations = destinations;
		this.clock = clock;
	}

	@Transactional
	Created create(NewEndpoint request, String admin) {
		if (!this.secrets.configured()) {
			throw new WebhookRefused.NotConfigured();
		}
		String url = destination(request.url());
		List<String> types = events(request.events());
		String description = (request.description() == null) ? "" : request.description().strip();
		String id = "wh_" + random();
		String secret = WebhookSecrets.newSecret();
		OffsetDateTime now = now();
		this.jdbc.sql("""
				insert into webhook_endpoint (endpoint_id, url, events, description, status, secret, created_by,
				                              created_at, updated_at)
				values (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?)
				""")
			.params(id, url, String.join(",", types), description, this.secrets.encrypt(secret, id), admin, now, now)
			.update();
		audit(admin, CREATED, id, Map.of("url", url, "events", types));
		return new Created(id, url, types, secret);
	}

	List<WebhookEndpoint> all() {
		return this.jdbc.sql(SELECT + " order by created_at, endpoint_id").query(this::map).list();
	}

	Optional<WebhookEndpoint> find(String id) {
		return this.jdbc.sql(SELECT + " where endpoint_id = ?").param(id).query(this::map).optional();
	}

	WebhookEndpoint get(String id) {
		return find(id).orElseThrow(() -> new WebhookRefused.EndpointNotFound(id));
	}

	/** Changes what the request names; a field it leaves out stays as it is. */
	@Transactional
	WebhookEndpoint update(String id, EndpointChange change, String admin) {
		WebhookEndpoint endpoint = get(id);
		String url = (change.url() != null) ? destination(change.url()) : endpoint.url();
		List<String> types = (change.events() != null) ? events(change.events()) : endpoint.events();
		String description = (change.description() != null) ? change.description().strip() : endpoint.description();
		WebhookEndpoint.Status status = (change.status() != null) ? change.status() : endpoint.status();
		String reason = (status == WebhookEndpoint.Status.ACTIVE) ? null
				: (endpoint.status() == WebhookEndpoint.Status.DISABLED) ? endpoint.disabledReason()
						: "disabled by " + admin;
		this.jdbc.sql("""
				update webhook_endpoint set url = ?, events = ?, description = ?, status = ?, disabled_reason = ?,
				       updated_at = ?
				where endpoint_id = ?
				""").params(url, String.join(",", types), description, status.name(), reason, now(), id).update();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("url", url);
		data.put("events", types);
		data.put("status", status.name());
		audit(admin, UPDATED, id, data);
		return get(id);
	}

	/**
	 * A new secret; the current one becomes the previous one and signs too for
	 * {@code liveguard.webhooks.rotation-overlap} (24 hours).
	 */
	@Transactional
	Rotated rotate(String id, String admin) {
		if (!this.secrets.configured()) {
			throw new WebhookRefused.NotConfigured();
		}
		get(id);
		String current = this.jdbc.sql("select secret from webhook_endpoint where endpoint_id = ? for update")
			.param(id)
			.query(String.class)
			.single();
		String secret = WebhookSecrets.newSecret();
		Instant until = this.clock.instant().plus(this.properties.rotationOverlap()).truncatedTo(ChronoUnit.MILLIS);
		this.jdbc.sql("""
				update webhook_endpoint set secret = ?, previous_secret = ?, previous_secret_until = ?, updated_at = ?
				where endpoint_id = ?
				""")
			.params(this.secrets.encrypt(secret, id), current, OffsetDateTime.ofInstant(until, ZoneOffset.UTC), now(),
					id)
			.update();
		audit(admin, ROTATED, id, Map.of("previousSecretValidUntil", until.toString()));
		return new Rotated(id, secret, until);
	}

	@Transactional
	void delete(String id, String admin) {
		WebhookEndpoint endpoint = get(id);
		this.jdbc.sql("delete from webhook_endpoint where endpoint_id = ?").param(id).update();
		audit(admin, DELETED, id, Map.of("url", endpoint.url()));
	}

	/** Sends a {@code webhook.test} event to this endpoint only. */
	@Transactional
	String test(String id, String admin) {
		WebhookEndpoint endpoint = get(id);
		if (endpoint.status() != WebhookEndpoint.Status.ACTIVE) {
			throw new WebhookRefused.EndpointDisabled(id);
		}
		String messageId = this.outbox.recordFor(id, EventTypes.WEBHOOK_TEST, Map.of());
		audit(admin, TESTED, id, Map.of("messageId", messageId));
		return messageId;
	}

	/** A {@code 410 Gone} answer: the endpoint is sent nothing more until enabled. */
	@Transactional
	void disableGone(String id, String url) {
		int updated = this.jdbc.sql("""
				update webhook_endpoint set status = 'DISABLED', disabled_reason = ?, updated_at = ?
				where endpoint_id = ? and status = 'ACTIVE'
				""").params("410 Gone from " + url, now(), id).update();
		if (updated > 0) {
			audit("webhook-dispatcher", DISABLED_BY_410, id, Map.of("url", url));
		}
	}

	/**
	 * The URL as events.md allows it ({@link #url}), and one LiveGuard may send to now:
	 * https unless http is allowed, to public addresses unless private ones are
	 * ({@link WebhookDestinations}).
	 */
	private String destination(String url) {
		String checked = url(url);
		this.destinations.refusal(URI.create(checked)).ifPresent((reason) -> {
			throw new WebhookRefused.InvalidEndpoint("url: " + reason);
		});
		return checked;
	}

	/** The URL as events.md allows it: absolute, http or https, without credentials. */
	static String url(String url) {
		String trimmed = url.strip();
		URI uri;
		try {
			uri = new URI(trimmed);
		}
		catch (URISyntaxException ex) {
			throw new WebhookRefused.InvalidEndpoint("url: not a URL (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!uri.isAbsolute() || scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
			throw new WebhookRefused.InvalidEndpoint("url: must be an absolute http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new WebhookRefused.InvalidEndpoint("url: must name a host");
		}
		if (uri.getRawUserInfo() != null) {
			throw new WebhookRefused.InvalidEndpoint("url: must not carry credentials (user:password@)");
		}
		if (uri.getRawFragment() != null) {
			throw new WebhookRefused.InvalidEndpoint("url: must not have a fragment (#...)");
		}
		return trimmed;
	}

	/** Known event types, each once, in the order given; {@code *} alone. */
	static List<String> events(List<String> events) {
		Set<String> types = new LinkedHashSet<>();
		for (String type : events) {
			String name = (type == null) ? "" : type.strip();
			if (!name.equals(EventTypes.ALL) && !EventTypes.TYPES.contains(name)) {
				throw new WebhookRefused.InvalidEndpoint("events: unknown event type '" + name + "' (one of "
						+ String.join(", ", EventTypes.TYPES) + ", or * for all)");
			}
			types.add(name);
		}
		if (types.contains(EventTypes.ALL) && types.size() > 1) {
			throw new WebhookRefused.InvalidEndpoint("events: * means every type and stands alone");
		}
		return new ArrayList<>(types);
	}

	private void audit(String principal, String type, String id, Map<String, Object> more) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("endpointId", id);
		data.putAll(more);
		this.events.publishEvent(new AuditApplicationEvent(principal, type, data));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
	}

	private static String random() {
		byte[] bytes = new byte[12];
		new java.security.SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private WebhookEndpoint map(ResultSet rs, int row) throws SQLException {
		OffsetDateTime until = rs.getObject("previous_secret_until", OffsetDateTime.class);
		return new WebhookEndpoint(rs.getString("endpoint_id"), rs.getString("url"),
				List.of(rs.getString("events").split(",")), rs.getString("description"),
				WebhookEndpoint.Status.valueOf(rs.getString("status")), rs.getString("disabled_reason"),
				(until == null || until.toInstant().isBefore(this.clock.instant())) ? null : until.toInstant(),
				rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	/** {@code POST /api/v1/webhooks}. */
	record NewEndpoint(@NotBlank(message = "is required") @Size(max = MAX_URL) @Nullable String url,
			@NotEmpty(message = "is required: event types, or [\"*\"]") @Size(
					max = MAX_EVENTS) @Nullable List<@NotNull @Size(max = 64) String> events,
			@Size(max = MAX_DESCRIPTION) @Nullable String description) {
	}

	/** {@code PUT /api/v1/webhooks/{id}}: what is given changes. */
	record EndpointChange(@Size(min = 1, max = MAX_URL) @Nullable String url,
			@Size(min = 1, max = MAX_EVENTS) @Nullable List<@NotNull @Size(max = 64) String> events,
			@Size(max = MAX_DESCRIPTION) @Nullable String description, WebhookEndpoint.@Nullable Status status) {
	}

	/** The answer to a registration: the secret, shown this once. */
	record Created(String id, String url, List<String> events, String secret) {
	}

	/** The answer to a rotation: the new secret, shown this once. */
	record Rotated(String id, String secret, Instant previousSecretValidUntil) {
	}

}
