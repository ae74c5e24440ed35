package io.liveguard.web.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.security.AbstractAuthenticationAuditListener;
import org.springframework.boot.actuate.security.AbstractAuthorizationAuditListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.authorization.event.AuthorizationEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Which security events reach the audit log, in place of Spring Boot's listeners, which
 * would record a success for every request an API client authenticates and a denial for
 * every anonymous request:
 * <ul>
 * <li>{@code AUTHENTICATION_SUCCESS}: a person logging in to the pages;</li>
 * <li>{@code AUTHENTICATION_FAILURE}: any failed login, password or API key, with the
 * reason and the remote address;</li>
 * <li>{@code LOGOUT_SUCCESS};</li>
 * <li>{@code AUTHORIZATION_FAILURE}: an authenticated caller refused by its role
 * (anonymous requests are answered 401 or sent to the login page, and not recorded).</li>
 * </ul>
 * Lockouts ({@code ACCOUNT_LOCKED}) and the decisions of users are published where they
 * happen.
 */
@Configuration(proxyBeanMethods = false)
class SecurityAuditing {

	static final String AUTHENTICATION_SUCCESS = "AUTHENTICATION_SUCCESS";

	static final String AUTHENTICATION_FAILURE = "AUTHENTICATION_FAILURE";

	static final String LOGOUT_SUCCESS = "LOGOUT_SUCCESS";

	static final String AUTHORIZATION_FAILURE = "AUTHORIZATION_FAILURE";

	@Bean
	AbstractAuthenticationAuditListener authenticationAuditListener() {
		return new AbstractAuthenticationAuditListener() {

			@Override
			public void onApplicationEvent(AbstractAuthenticationEvent event) {
				Authentication authentication = event.getAuthentication();
				if (event instanceof AbstractAuthenticationFailureEvent failure) {
					Map<String, Object> data = details(authentication);
					data.put("type", failure.getException().getClass().getSimpleName());
					data.put("message", String.valueOf(failure.getException().getMessage()));
					publish(new AuditEvent(authentication.getName(), AUTHENTICATION_FAILURE, data));
				}
				else if (event instanceof InteractiveAuthenticationSuccessEvent) {
					publish(new AuditEvent(authentication.getName(), AUTHENTICATION_SUCCESS, details(authentication)));
				}
				else if (event instanceof LogoutSuccessEvent) {
					publish(new AuditEvent(authentication.getName(), LOGOUT_SUCCESS, details(authentication)));
				}
			}

		};
	}

	@Bean
	AbstractAuthorizationAuditListener authorizationAuditListener() {
		AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
		return new AbstractAuthorizationAuditListener() {

			@Override
			public void onApplicationEvent(AuthorizationEvent event) {
				if (!(event instanceof AuthorizationDeniedEvent<?> denied)) {
					return;
				}
				Authentication authentication = denied.getAuthentication().get();
				if (authentication == null || trust.isAnonymous(authentication)) {
					return;
				}
				Map<String, Object> data = details(authentication);
				if (denied.getObject() instanceof jakarta.servlet.http.HttpServletRequest request) {
					data.put("request", request.getMethod() + " " + request.getRequestURI());
				}
				publish(new AuditEvent(authentication.getName(), AUTHORIZATION_FAILURE, data));
			}

		};
	}

	private static Map<String, Object> details(Authentication authentication) {
		Map<String, Object> data = new LinkedHashMap<>();
		if (authentication.getDetails() instanceof WebAuthenticationDetails web) {
			data.put("remoteAddress", web.getRemoteAddress());
		}
		return data;
	}

}
