package io.liveguard.web.throttle;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Counts failed authentications (wrong passwords by form or HTTP Basic, unknown users,
 * bad API keys) per client address in a Bucket4j token bucket, and refuses an address
 * that has spent its budget with 429 and {@code Retry-After} before it may try another
 * credential, right or wrong: an answer that differed for the right one would let
 * guessing go on. Successful logins cost nothing, so people and clients with working
 * credentials never notice it.
 * <p>
 * This is what protects every user, {@code admin} included, from guessing at speed; the
 * per-user lockout ({@code LoginAttempts}) only counts a user's failures from one
 * address, so a stranger cannot lock a user out. Buckets live in this node's memory: with
 * several nodes behind a balancer an address gets each node's budget, which still bounds
 * guessing to a few per minute.
 */
@Component
@EnableConfigurationProperties(ThrottleProperties.class)
public class AuthenticationThrottle {

	private final ThrottleProperties properties;

	/**
	 * A bucket left alone for a period is full again, so forgetting it then loses
	 * nothing.
	 */
	private final Cache<String, Bucket> buckets;

	AuthenticationThrottle(ThrottleProperties properties) {
		this.properties = properties;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(properties.addresses())
			.expireAfterAccess(properties.period())
			.build();
	}

	@EventListener
	void failed(AbstractAuthenticationFailureEvent event) {
		if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
			failed(ClientAddress.of(details.getRemoteAddress()));
		}
	}

	void failed(String address) {
		this.buckets.get(address, (key) -> newBucket()).tryConsume(1);
	}

	/**
	 * How long the address must wait before it may authenticate again; empty when it may
	 * now.
	 */
	Optional<Duration> refusal(String address) {
		Bucket bucket = this.buckets.getIfPresent(address);
		if (bucket == null) {
			return Optional.empty();
		}
		EstimationProbe probe = bucket.estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? Optional.empty()
				: Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	/**
	 * The filter that refuses throttled addresses, for the security filter chains to
	 * place before their authentication filters (not a servlet filter of its own). API
	 * clients get a problem detail through {@code problems}; a throttled form login gets
	 * the 429 error page, which is the login form with a message.
	 */
	public OncePerRequestFilter filter(HandlerExceptionResolver problems) {
		return new ThrottleFilter(problems);
	}

	private Bucket newBucket() {
		int failures = this.properties.failures();
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(failures).refillGreedy(failures, this.properties.period()))
			.build();
	}

	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	private final class ThrottleFilter extends OncePerRequestFilter {

		private static final RequestMatcher FORM_LOGIN = pathPattern(HttpMethod.POST, "/login");

		private final HandlerExceptionResolver problems;

		ThrottleFilter(HandlerExceptionResolver problems) {
			this.problems = problems;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			Optional<Duration> wait = presentsCredentials(request) ? refusal(ClientAddress.of(request.getRemoteAddr()))
					: Optional.empty();
			if (wait.isEmpty()) {
				chain.doFilter(request, response);
				return;
			}
			long seconds = seconds(wait.get());
			if (isFormLogin(request)) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
				return;
			}
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed authentications from your address; try again in " + seconds + " s");
			problem.setTitle("Too Many Requests");
			ErrorResponseException refusal = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
			refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			this.problems.resolveException(request, response, null, refusal);
		}

		private static boolean presentsCredentials(HttpServletRequest request) {
			return request.getHeader(HttpHeaders.AUTHORIZATION) != null || isFormLogin(request);
		}

		private static boolean isFormLogin(HttpServletRequest request) {
			return FORM_LOGIN.matches(request);
		}

	}

}
