package io.liveguard.web.session;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A session id that was already received with different content: 409, nothing changes. */
class SessionConflictException extends ErrorResponseException {

	SessionConflictException(String sessionId) {
		super(HttpStatus.CONFLICT, problem(sessionId), null);
	}

	private static ProblemDetail problem(String sessionId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "sessionId: '" + sessionId
				+ "' was already received with different content; a stored session is never replaced");
		problem.setTitle("Session conflict");
		return problem;
	}

	/** The problem's detail, for reports that are not HTTP responses (NDJSON summaries). */
	String detail() {
		String detail = getBody().getDetail();
		return detail == null ? getMessage() : detail;
	}

}
