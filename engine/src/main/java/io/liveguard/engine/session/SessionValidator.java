package io.liveguard.engine.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Checks a session against the session format: field constraints through Bean Validation,
 * then the rules that span fields (order of instants, signals inside the session,
 * answered comments). Thread safe; build one and share it.
 */
public final class SessionValidator {

	private static final Set<String> MARKETS = Set.of(Locale.getISOCountries());

	private final Validator validator;

	public SessionValidator() {
		ValidatorFactory factory = Validation.byDefaultProvider()
			.configure()
			.messageInterpolator(new ParameterMessageInterpolator())
			.buildValidatorFactory();
		this.validator = factory.getValidator();
	}

	/** Returns every problem of the session; empty when it is valid. */
	public List<FieldError> problems(LiveSession session) {
		List<FieldError> errors = new ArrayList<>();
		for (ConstraintViolation<LiveSession> violation : this.validator.validate(session)) {
			errors.add(new FieldError(path(violation), violation.getMessage()));
		}
		errors.sort(Comparator.comparing(FieldError::field));
		if (!errors.isEmpty()) {
			return errors;
		}
		if (!MARKETS.contains(session.market())) {
			errors.add(new FieldError("market", "'" + session.market() + "' is not an ISO 3166 alpha-2 country code"));
		}
		boolean inRange = inRange("startedAt", session.startedAt(), errors)
				& inRange("endedAt", session.endedAt(), errors);
		if (!inRange) {
			return errors;
		}
		if (!session.endedAt().isAfter(session.startedAt())) {
			errors.add(new FieldError("endedAt", "must be after startedAt (" + session.startedAt() + ")"));
		}
		else if (session.length().compareTo(LiveSession.MAX_LENGTH) > 0) {
			errors.add(new FieldError("endedAt", "a session lasts at most 24 hours"));
		}
		if (session.stats().commentsAnswered() > session.stats().comments()) {
			errors.add(new FieldError("stats.commentsAnswered", "must not exceed stats.comments"));
		}
		Set<String> skus = new HashSet<>();
		for (int i = 0; i < session.products().size(); i++) {
			if (!skus.add(session.products().get(i).sku())) {
				errors.add(new FieldError("products[" + i + "].sku",
						"duplicate sku '" + session.products().get(i).sku() + "'"));
			}
		}
		if (session.endedAt().isAfter(session.startedAt())) {
			for (int i = 0; i < session.signals().size(); i++) {
				Signal signal = session.signals().get(i);
				if (!session.covers(signal.at())) {
					errors.add(new FieldError("signals[" + i + "].at", signal.at() + " is outside the session ("
							+ session.startedAt() + " to " + session.endedAt() + ")"));
				}
			}
		}
		return errors;
	}

	/**
	 * Throws {@link InvalidSessionException} naming every problem, or returns the
	 * session.
	 */
	public LiveSession validate(LiveSession session) {
		List<FieldError> errors = problems(session);
		if (!errors.isEmpty()) {
			throw new InvalidSessionException(errors);
		}
		return session;
	}

	private static boolean inRange(String field, Instant at, List<FieldError> errors) {
		if (at.isBefore(LiveSession.EARLIEST) || at.isAfter(LiveSession.LATEST)) {
			errors.add(new FieldError(field, "must be in the years 1970 to 9999"));
			return false;
		}
		return true;
	}

	private static String path(ConstraintViolation<?> violation) {
		// Hibernate Validator writes container elements as "products[0].<list
		// element>.sku"
		return violation.getPropertyPath().toString().replace(".<list element>", "").replace("<list element>", "");
	}

}
