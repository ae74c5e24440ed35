package io.liveguard.web.seller;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A seller LiveGuard has no session of, or one the caller may not see (404 either way, so ids cannot be probed). */
class SellerNotFoundException extends ErrorResponseException {

	SellerNotFoundException(String sellerId) {
		super(HttpStatus.NOT_FOUND, problem(sellerId), null);
	}

	private static ProblemDetail problem(String sellerId) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"sellerId: no seller '" + sellerId + "' is known");
		problem.setTitle("Seller not found");
		return problem;
	}

}
