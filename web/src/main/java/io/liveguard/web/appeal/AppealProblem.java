package io.liveguard.web.appeal;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Why an appeal or a decision cannot be taken, as a problem detail naming the field. */
class AppealProblem extends ErrorResponseException {

	AppealProblem(HttpStatus status, String title, String detail) {
		super(status, problem(status, title, detail), null);
	}

	static AppealProblem notFound(String detail) {
		return new AppealProblem(HttpStatus.NOT_FOUND, "Not found", detail);
	}

	static AppealProblem invalid(String detail) {
		return new AppealProblem(HttpStatus.BAD_REQUEST, "Invalid appeal", detail);
	}

	static AppealProblem conflict(String detail) {
		return new AppealProblem(HttpStatus.CONFLICT, "Conflict", detail);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
