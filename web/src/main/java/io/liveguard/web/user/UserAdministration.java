package io.liveguard.web.user;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.liveguard.engine.DomainException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.listener.AuditApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What an ADMIN does to users: create, disable, enable (which also lifts a lockout) and
 * reset a password. Every change is an audit event under the admin's name. Disabling a
 * user ends its web sessions at once.
 */
@Service
public class UserAdministration {

	public static final String USER_CREATED = "USER_CREATED";

	public static final String USER_DISABLED = "USER_DISABLED";

	public static final String USER_ENABLED = "USER_ENABLED";

	public static final String PASSWORD_RESET = "PASSWORD_RESET";

	/** Seller ids are at most as long as the sessions' column holds. */
	private static final int MAX_SELLER_ID = 128;

	/** BCrypt reads at most this many bytes of a password. */
	private static final int MAX_PASSWORD_BYTES = 72;

	private static final String PASSWORD_TOO_SHORT = "at least " + AdminBootstrap.MIN_PASSWORD_LENGTH + " characters";

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

	/**
	 * Creates a user whose fields were validated by their constraints; the rules between
	 * its role and seller are the users' own.
	 */
	@Transactional
	public UserView create(NewUser user, String admin) {
		String username = Objects.requireNonNull(user.username(), "username: validated before");
		String password = Objects.requireNonNull(user.password(), "password: validated before");
		Role role = Role.valueOf(Objects.requireNonNull(user.role(), "role: validated before"));
		if (role == Role.PLATFORM) {
			throw new InvalidUser("role: PLATFORM clients use API keys (POST /api/v1/api-keys), not users");
		}
		String sellerId = user.sellerId();
		if (role == Role.SELLER && (sellerId == null || sellerId.isBlank())) {
			throw new InvalidUser("sellerId: is required for a SELLER");
		}
		if (role != Role.SELLER && sellerId != null && !sellerId.isBlank()) {
			throw new InvalidUser("sellerId: only a SELLER acts for a seller");
		}
		try {
			this.users.add(new AppUser(username, this.encoder.encode(password), role,
					(role == Role.SELLER) ? sellerId : null, true, this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			throw new UsernameTaken(username, ex);
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
			throw new CannotDisableItself();
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
	public UserView resetPassword(String username, NewPassword password, String admin) {
		String validated = Objects.requireNonNull(password.password(), "password: validated before");
		if (!this.users.setPasswordHash(username, this.encoder.encode(validated))) {
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

	private static UserNotFound notFound(String username) {
		return new UserNotFound(username);
	}

	/**
	 * A user to create (api.md: {@code {username, password, role, sellerId}}).
	 *
	 * @param username letters, digits and {@code . _ @ -}, 3 to 64 characters
	 * @param password at least 12 characters, at most the 72 bytes BCrypt reads
	 * @param role SELLER, ANALYST or ADMIN
	 * @param sellerId the seller a SELLER acts for; no other role has one
	 */
	public record NewUser(
			@NotBlank(message = "is required") @Pattern(regexp = "[A-Za-z0-9._@-]{3,64}|\\s*",
					message = "3 to 64 letters, digits or . _ @ -") @Nullable String username,
			@NotNull(message = PASSWORD_TOO_SHORT) @Size(min = AdminBootstrap.MIN_PASSWORD_LENGTH,
					message = PASSWORD_TOO_SHORT) @Utf8Bytes(max = MAX_PASSWORD_BYTES,
							message = "at most " + MAX_PASSWORD_BYTES + " bytes") @Nullable String password,
			@NotBlank(message = "is required") @Pattern(regexp = "SELLER|ANALYST|ADMIN|PLATFORM|\\s*",
					message = "must be SELLER, ANALYST or ADMIN") @Nullable String role,
			@Size(max = MAX_SELLER_ID,
					message = "at most " + MAX_SELLER_ID + " characters") @Nullable String sellerId) {
	}

	/**
	 * A new password for a user (api.md: {@code {password}}).
	 *
	 * @param password at least 12 characters, at most the 72 bytes BCrypt reads
	 */
	public record NewPassword(@NotNull(message = PASSWORD_TOO_SHORT) @Size(min = AdminBootstrap.MIN_PASSWORD_LENGTH,
			message = PASSWORD_TOO_SHORT) @Utf8Bytes(max = MAX_PASSWORD_BYTES,
					message = "at most " + MAX_PASSWORD_BYTES + " bytes") @Nullable String password) {
	}

	/**
	 * A user as shown to admins: never its password hash.
	 *
	 * @param lockedUntil the end of a lockout in force, or null
	 */
	public record UserView(String username, String role, @Nullable String sellerId, boolean enabled,
			@Nullable Instant lockedUntil, Instant createdAt) {
	}

	/** A user that breaks a rule between its role and its seller. */
	static final class InvalidUser extends DomainException {

		InvalidUser(String detail) {
			super(Kind.INVALID, null, detail);
		}

	}

	/** No user has that name. */
	static final class UserNotFound extends DomainException {

		UserNotFound(String username) {
			super(Kind.NOT_FOUND, null, "username: no user '" + username + "'");
		}

	}

	/** Another user has that name already. */
	static final class UsernameTaken extends DomainException {

		UsernameTaken(String username, Throwable cause) {
			super(Kind.CONFLICT, null, "username: '" + username + "' is taken");
			initCause(cause);
		}

	}

	/** An admin disabling itself would lock out the last one who can enable it again. */
	static final class CannotDisableItself extends DomainException {

		CannotDisableItself() {
			super(Kind.CONFLICT, null, "username: an admin cannot disable itself");
		}

	}

}
