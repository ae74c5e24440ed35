package io.liveguard.web.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * What an ADMIN does to users: create, disable, enable (which also lifts a lockout) and reset a
 * password. Every change is an audit event under the admin's name. Disabling a user ends its web
 * sessions at once.
 */
@Service
public class UserAdministration {

	public static final String USER_CREATED = "USER_CREATED";

	public static final String USER_DISABLED = "USER_DISABLED";

	public static final String USER_ENABLED = "USER_ENABLED";

	public static final String PASSWORD_RESET = "PASSWORD_RESET";

	/** Login names: letters, digits and {@code . _ @ -}, 3 to 64 characters. */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

	/** Seller ids are at most as long as the sessions' column holds. */
	private static final int MAX_SELLER_ID = 128;

	/** BCrypt reads at most this many bytes of a password. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private final Users users;

	private final PasswordEncoder encoder;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<SessionRegistry> sessions;

	private final Clock clock;

	UserAdministration(Users users, PasswordEncoder encoder, ApplicationEventPublisher events,
			ObjectProvider<SessionRegistry> sessions, Clock clock) {
		this.users = users;
		this.encoder = encoder;
		this.events = events;
		this.sessions = sessions;
		this.clock = clock;
	}

	public List<UserView> all() {
		return this.users.all().stream().map(this::view).toList();
	}

	public UserView find(String username) {
		return this.users.find(username).map(this::view).orElseThrow(() -> notFound(username));
	}

	@Transactional
	public UserView create(NewUser user, String admin) {
		String username = required("username", user.username());
		if (!USERNAME.matcher(username).matches()) {
			throw invalid("username: 3 to 64 letters, digits or . _ @ -");
		}
		checkPassword(user.password());
		String roleName = required("role", user.role());
		Role role;
		try {
			role = Role.valueOf(roleName);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("role: must be SELLER, ANALYST or ADMIN");
		}
		if (role == Role.PLATFORM) {
			throw invalid("role: PLATFORM clients use API keys (POST /api/v1/api-keys), not users");
		}
		String sellerId = user.sellerId();
		if (role == Role.SELLER) {
			if (sellerId == null || sellerId.isBlank()) {
				throw invalid("sellerId: is required for a SELLER");
			}
			if (sellerId.length() > MAX_SELLER_ID) {
				throw invalid("sellerId: at most " + MAX_SELLER_ID + " characters");
			}
		}
		else if (sellerId != null && !sellerId.isBlank()) {
			throw invalid("sellerId: only a SELLER acts for a seller");
		}
		try {
			this.users.add(new AppUser(username, this.encoder.encode(user.password()), role,
					(role == Role.SELLER) ? sellerId : null, true, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			throw new ErrorResponseException(HttpStatus.CONFLICT,
					ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "username: '" + username + "' is taken"), ex);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("username", username);
		data.put("role", role.name());
		if (role == Role.SELLER) {
			data.put("sellerId", sellerId);
		}
		audit(admin, USER_CREATED, data);
		return find(username);
	}

	@Transactional
	public UserView disable(String username, String admin) {
		if (username.equals(admin)) {
			throw new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
					"username: an admin cannot disable itself"), null);
		}
		if (!this.users.setEnabled(username, false)) {
			throw notFound(username);
		}
		audit(admin, USER_DISABLED, Map.of("username", username));
		endSessions(username);
		return find(username);
	}

	@Transactional
	public UserView enable(String username, String admin) {
		if (!this.users.setEnabled(username, true)) {
			throw notFound(username);
		}
		audit(admin, USER_ENABLED, Map.of("username", username));
		return find(username);
	}

	@Transactional
	public UserView resetPassword(String username, @Nullable String password, String admin) {
		checkPassword(password);
		if (!this.users.setPasswordHash(username, this.encoder.encode(password))) {
			throw notFound(username);
		}
		audit(admin, PASSWORD_RESET, Map.of("username", username));
		endSessions(username);
		return find(username);
	}

	private void endSessions(String username) {
		SessionRegistry registry = this.sessions.getIfAvailable();
		if (registry == null) {
			return;
		}
		for (Object principal : registry.getAllPrincipals()) {
			if (principal instanceof LiveGuardUser user && user.getUsername().equals(username)) {
				registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
			}
		}
	}

	private void audit(String principal, String type, Map<String, Object> data) {
		this.events.publishEvent(new AuditApplicationEvent(principal, type, data));
	}

	private UserView view(AppUser user) {
		return new UserView(user.username(), user.role().name(), user.sellerId(), user.enabled(),
				user.lockedAt(this.clock.instant()) ? user.lockedUntil() : null, user.createdAt());
	}

	private static void checkPassword(@Nullable String password) {
		if (password == null || password.length() < AdminBootstrap.MIN_PASSWORD_LENGTH) {
			throw invalid("password: at least " + AdminBootstrap.MIN_PASSWORD_LENGTH + " characters");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw invalid("password: at most " + MAX_PASSWORD_BYTES + " bytes");
		}
	}

	private static String required(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw invalid(field + ": is required");
		}
		return value;
	}

	private static ErrorResponseException invalid(String detail) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

	private static ErrorResponseException notFound(String username) {
		return new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "username: no user '" + username + "'"), null);
	}

	/** A user to create (api.md: {@code {username, password, role, sellerId}}). */
	public record NewUser(@Nullable String username, @Nullable String password, @Nullable String role,
			@Nullable String sellerId) {
	}

	/**
	 * A user as shown to admins: never its password hash.
	 *
	 * @param lockedUntil the end of a lockout in force, or null
	 */
	public record UserView(String username, String role, @Nullable String sellerId, boolean enabled,
			@Nullable Instant lockedUntil, Instant createdAt) {
	}

}
