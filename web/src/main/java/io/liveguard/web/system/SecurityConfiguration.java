package io.liveguard.web.system;

import jakarta.servlet.DispatcherType;

import io.liveguard.web.apikey.ApiKeyAuthenticationProvider;
import io.liveguard.web.apikey.ApiKeys;
import io.liveguard.web.throttle.AuthenticationThrottle;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * Who may call what, by role (api.md, "Roles"); which seller's data a SELLER sees is
 * checked in the controllers, answering 404 for anything that is not its own.
 * <ul>
 * <li>The API ({@code /api/**}) is stateless: API clients send
 * {@code Authorization: Bearer <key>}, users may send HTTP Basic. No cookies, so no CSRF
 * tokens.</li>
 * <li>The pages log people in with a form: CSRF tokens on every form, a new session id at
 * login (session fixation), logout as a POST. A disabled user's sessions end at once.
 * Repeated failed logins lock the user out from the client address they came from
 * ({@code LoginAttempts}).</li>
 * <li>Both chains refuse a client address that failed to authenticate too often with 429,
 * before checking what it sends ({@code AuthenticationThrottle}).</li>
 * <li>The API description ({@code /v3/api-docs}, {@code /swagger-ui.html}) is for anyone
 * authenticated: people, and API clients with their key.</li>
 * <li>The metrics ({@code /actuator/prometheus} for a Prometheus scraper,
 * {@code /actuator/metrics} to browse the meters) are ADMIN's: a scraper sends an admin
 * user's HTTP Basic credentials (an API key is known, and refused with 403). No other
 * actuator endpoint but the health probe is exposed.</li>
 * </ul>
 * Nothing answers without authentication but the login page, its stylesheet and the
 * health probe. API authentication and authorization failures are handed to Spring MVC's
 * exception resolvers, so they come out as the same problem details as every other error.
 * <p>
 * Public so that web slice tests can import it. Absent in a command-line run, which has
 * no web server.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

	static final String REALM = "LiveGuard";

	/**
	 * The pages load scripts, styles, images and data only from this server, and no
	 * inline script or style: an injected {@code <script>} or {@code onclick} does not
	 * run. Chart data reaches the scripts as JSON in data attributes. (Scripts may still
	 * set styles through the DOM, as Chart.js and CodeMirror do; htmx is told not to add
	 * a {@code <style>}, in layout.html.)
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationEntryPoint entryPoint,
			AccessDeniedHandler accessDeniedHandler, ApiKeys apiKeys, AuthenticationEventPublisher authenticationEvents,
			AuthenticationThrottle throttle, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		AuthenticationFilter bearer = bearerFilter(apiKeys, authenticationEvents, entryPoint);
		return http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers(HttpMethod.POST, "/api/v1/sessions", "/api/v1/sessions/batch")
				.hasAnyRole("PLATFORM", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/sessions/*/rescore")
				.hasAnyRole("ANALYST", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/sessions/**")
				.authenticated()
				.requestMatchers(HttpMethod.POST, "/api/v1/lives", "/api/v1/lives/*/signals", "/api/v1/lives/*/end")
				.hasAnyRole("PLATFORM", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/lives")
				.hasAnyRole("ANALYST", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/lives/*", "/api/v1/sellers/*/lives")
				.hasAnyRole("SELLER", "PLATFORM", "ANALYST", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/sellers/*/live-eligibility")
				.hasAnyRole("PLATFORM", "SELLER")
				.requestMatchers(HttpMethod.GET, "/api/v1/sellers/*/standing", "/api/v1/sellers/*/penalties")
				.hasAnyRole("SELLER", "PLATFORM", "ANALYST", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/appeals")
				.hasAnyRole("SELLER", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/appeals/*/decision")
				.hasRole("ANALYST")
				.requestMatchers(HttpMethod.GET, "/api/v1/appeals", "/api/v1/appeals/*")
				.hasAnyRole("SELLER", "ANALYST", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/rule-packs", "/api/v1/rule-packs/**", "/api/v1/backtests/*")
				.hasAnyRole("ANALYST", "ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/rule-packs/*/versions/*/publish",
						"/api/v1/rule-packs/*/versions/*/reject", "/api/v1/rule-packs/*/versions/*/rollback")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/rule-packs/*/versions",
						"/api/v1/rule-packs/*/versions/*/test", "/api/v1/rule-packs/*/versions/*/backtest",
						"/api/v1/rule-packs/*/versions/*/propose")
				.hasRole("ANALYST")
				.requestMatchers(HttpMethod.PUT, "/api/v1/rule-packs/*/versions/*")
				.hasRole("ANALYST")
				.requestMatchers("/api/v1/penalty-runs", "/api/v1/penalty-runs/**", "/api/v1/users", "/api/v1/users/**",
						"/api/v1/api-keys", "/api/v1/api-keys/**", "/api/v1/audit-events", "/api/v1/imports",
						"/api/v1/imports/**", "/api/v1/rescores", "/api/v1/rescores/**", "/api/v1/webhooks",
						"/api/v1/webhooks/**")
				.hasRole("ADMIN")
				.anyRequest()
				.denyAll())
			// before every authentication filter: a throttled address has no credential
			// checked
			.addFilterBefore(throttle.filter(problems), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(bearer, BasicAuthenticationFilter.class)
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDeniedHandler))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			// stateless: no saved requests to replay after a login, no logout
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pageSecurity(HttpSecurity http, AuthenticationEntryPoint entryPoint,
			SessionRegistry sessionRegistry, ApiKeys apiKeys, AuthenticationEventPublisher authenticationEvents,
			AuthenticationThrottle throttle, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		// API clients read the API description with their key; pages are for people only.
		// A key sent for the metrics is known too, so that it is refused with 403, not
		// taken for a bad credential
		AuthenticationFilter apiDescriptionBearer = bearerFilter(apiKeys, authenticationEvents, entryPoint);
		apiDescriptionBearer.setRequestMatcher(new OrRequestMatcher(pathPattern("/v3/api-docs/**"),
				pathPattern("/v3/api-docs.yaml"), pathPattern("/swagger-ui.html"), pathPattern("/swagger-ui/**"),
				pathPattern(HttpMethod.GET, "/actuator/prometheus"), pathPattern(HttpMethod.GET, "/actuator/metrics"),
				pathPattern(HttpMethod.GET, "/actuator/metrics/**")));
		return http
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				// the login page with any query: ?error, ?logout, ?expired, ?lang=vi
				.requestMatchers(HttpMethod.GET, "/login", "/actuator/health", "/actuator/health/**", "/css/**")
				.permitAll()
				// the metrics (the webhooks' deliveries among them) are ADMIN's
				.requestMatchers(HttpMethod.GET, "/actuator/prometheus", "/actuator/metrics", "/actuator/metrics/**")
				.hasRole("ADMIN")
				.requestMatchers("/seller", "/seller/**")
				.hasRole("SELLER")
				.requestMatchers("/analyst", "/analyst/**")
				.hasRole("ANALYST")
				// the live console, and a live's page, which a SELLER reads for its own
				// lives
				.requestMatchers("/lives", "/lives/open/rows")
				.hasAnyRole("ANALYST", "ADMIN")
				.requestMatchers("/lives/*", "/lives/*/updates")
				.hasAnyRole("ANALYST", "ADMIN", "SELLER")
				.requestMatchers("/admin", "/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.addFilterBefore(throttle.filter(problems), UsernamePasswordAuthenticationFilter.class)
			.addFilterBefore(apiDescriptionBearer, BasicAuthenticationFilter.class)
			.formLogin((login) -> login.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			// the policy above; and no page address (ids, filters) leaks to other sites
			// through links
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout").permitAll())
			// scripts reading /v3/api-docs; browsers asking for a page are sent to the
			// login form
			.httpBasic((basic) -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.sessionManagement((sessions) -> sessions.sessionFixation((fixation) -> fixation.changeSessionId())
				.maximumSessions(-1)
				.sessionRegistry(sessionRegistry)
				.expiredUrl("/login?expired"))
			.build();
	}

	/**
	 * Authenticates {@code Authorization: Bearer <key>} for this request only; a bad key
	 * is a 401.
	 */
	private static AuthenticationFilter bearerFilter(ApiKeys apiKeys, AuthenticationEventPublisher authenticationEvents,
			AuthenticationEntryPoint entryPoint) {
		ProviderManager apiKeyManager = new ProviderManager(new ApiKeyAuthenticationProvider(apiKeys));
		apiKeyManager.setAuthenticationEventPublisher(authenticationEvents);
		AuthenticationFilter bearer = new AuthenticationFilter(apiKeyManager,
				ApiKeyAuthenticationProvider.bearerConverter());
		bearer.setSuccessHandler((request, response, authentication) -> {
		});
		bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(entryPoint));
		return bearer;
	}

	/**
	 * No observations of the filter chains, authentication or authorization: nothing
	 * reads them, and without this bean Spring Security wraps every filter of every
	 * request in an observation even when
	 * {@code management.observations.enable.spring.security=false} turns them into no-ops
	 * (bench/README.md, "Go-live eligibility").
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** The web sessions of each user, so disabling a user ends them. */
	@Bean
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	/** Tells the session registry when sessions end. */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	/** Requests refused by role become events, which the audit log records. */
	@Bean
	AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
		return new SpringAuthorizationEventPublisher(publisher);
	}

	/** 401 as a problem detail, with the challenges so clients know what to send. */
	@Bean
	AuthenticationEntryPoint problemDetailsEntryPoint(
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		return (request, response, ex) -> {
			response.addHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
			response.addHeader("WWW-Authenticate", "Bearer realm=\"" + REALM + "\"");
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
