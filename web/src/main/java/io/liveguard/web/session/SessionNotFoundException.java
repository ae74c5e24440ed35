package io.liveguard.web.session;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No session with that id has been received: 404. */
class SessionNotFoundException extends ErrorResponseException {

	SessionNotFoundException(String sessionId) {
		super(HttpStatus.NOT_FOUND, problem(sessionId), null);
	}

	private static ProblemDetail problem(String sessionId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"sessionId: no session '" + sessionId + "' has been received");
		problem.setTitle("Session not found");
		return problem;
	}

}
