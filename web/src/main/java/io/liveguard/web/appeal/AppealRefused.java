package io.liveguard.web.appeal;

import io.liveguard.engine.DomainException;

/**
 * Why an appeal or a decision cannot be taken, naming the field; the pages show it as a
 * notice, the API as a problem detail.
 */
abstract class AppealRefused extends DomainException {

	AppealRefused(Kind kind, String title, String detail) {
		super(kind, title, detail);
	}

	/** No appeal has that id, or the caller may not see it. */
	static final class AppealNotFound extends AppealRefused {

		AppealNotFound(String appealId) {
			super(Kind.NOT_FOUND, "Not found", "appealId: no appeal '" + appealId + "' is known");
		}

	}

	/** The session, or its violation finding, to appeal is not known to the caller. */
	static final class FindingNotFound extends AppealRefused {

		private FindingNotFound(String detail) {
			super(Kind.NOT_FOUND, "Not found", detail);
		}

		static FindingNotFound noSession(String sessionId) {
			return new FindingNotFound("sessionId: no session '" + sessionId + "' is known");
		}

		static FindingNotFound noViolation(String sessionId, String code) {
			return new FindingNotFound("code: session '" + sessionId + "' has no violation finding " + code);
		}

	}

	/**
	 * An appeal or a decision that breaks a rule of appeals (its reason, the window, the
	 * outcome).
	 */
	static final class InvalidAppeal extends AppealRefused {

		InvalidAppeal(String detail) {
			super(Kind.INVALID, "Invalid appeal", detail);
		}

	}

	/** A finding is appealed once. */
	static final class AlreadyAppealed extends AppealRefused {

		AlreadyAppealed(String sessionId, String code) {
			super(Kind.CONFLICT, "Conflict",
					"code: finding " + code + " of session '" + sessionId + "' has already been appealed");
		}

	}

	/** An appeal is decided once. */
	static final class AlreadyDecided extends AppealRefused {

		AlreadyDecided(Appeal appeal) {
			super(Kind.CONFLICT, "Conflict",
					"appealId: appeal '" + appeal.appealId() + "' was already decided (" + appeal.status() + ")");
		}

	}

}
