package io.liveguard.engine;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Why a request to LiveGuard's domain cannot be done, in the domain's words: services
 * throw a subclass ({@code SellerNotFound}, {@code DraftFrozen}) and never an HTTP type;
 * the web module maps the {@link Kind} to a status and the title and detail to a problem
 * detail, in one place.
 */
public abstract class DomainException extends RuntimeException {

	private final Kind kind;

	private final @Nullable String title;

	protected DomainException(Kind kind, @Nullable String title, String detail) {
		super(detail);
		this.kind = kind;
		this.title = title;
	}

	/**
	 * What went wrong, for the caller: the web module answers each kind with its own
	 * status.
	 */
	public Kind kind() {
		return this.kind;
	}

	/** A short title naming the problem, or null to use the kind's. */
	public @Nullable String title() {
		return this.title;
	}

	/** The detail, naming the field or the thing that is wrong. */
	public String detail() {
		String message = getMessage();
		return (message != null) ? message : "";
	}

	/** Further properties of the problem (such as {@code errors}), none by default. */
	public Map<String, Object> properties() {
		return Map.of();
	}

	/** The kinds of failure a caller can act on. */
	public enum Kind {

		/** The request is malformed or breaks a rule of its fields (400). */
		INVALID,

		/**
		 * The thing asked for does not exist, or the caller may not know that it does
		 * (404).
		 */
		NOT_FOUND,

		/**
		 * The caller may not do this to this thing whatever its role, such as approving
		 * its own work (403).
		 */
		FORBIDDEN,

		/** The thing exists but is in a state that does not allow this (409). */
		CONFLICT,

		/**
		 * The request is well formed but its content cannot be processed, such as DRL
		 * that does not compile (422).
		 */
		UNPROCESSABLE,

		/** The service cannot take this now (503), such as a full queue. */
		UNAVAILABLE

	}

}
