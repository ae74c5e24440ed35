package io.liveguard.web.system;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may call what. Users authenticate with HTTP Basic against the user table; the API is stateless
 * and without CSRF tokens. Everything needs authentication except the health probe. Authentication
 * and authorization failures are handed to Spring MVC's exception resolvers, so they come out as the
 * same problem details as every other error.
 * <p>
 * Public so that web slice tests can import it. Absent in a command-line run, which has no web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

	static final String REALM = "LiveGuard";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler accessDeniedHandler) {
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/api/v1/sessions", "/api/v1/sessions/batch")
				.hasAnyRole("PLATFORM", "ADMIN")
				.requestMatchers("/api/v1/penalty-runs", "/api/v1/penalty-runs/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/appeals")
				.hasAnyRole("SELLER", "ADMIN")
				.requestMatchers("/api/v1/appeals", "/api/v1/appeals/**")
				.hasAnyRole("ANALYST", "ADMIN")
				.requestMatchers("/api/v1/sellers/**")
				.hasAnyRole("SELLER", "PLATFORM", "ANALYST", "ADMIN")
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain defaultSecurity(HttpSecurity http, AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler accessDeniedHandler) {
		return http
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			.build();
	}

	/** 401 as a problem detail, with the Basic challenge so browsers and curl know what to send. */
	@Bean
	AuthenticationEntryPoint problemDetailsEntryPoint(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return (request, response, ex) -> {
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			resolver.resolveException(request, response, null, ex);
		};
	}

	/** 403 as a problem detail. */
	@Bean
	AccessDeniedHandler problemDetailsAccessDeniedHandler(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return (request, response, ex) -> resolver.resolveException(request, response, null, ex);
	}

}
