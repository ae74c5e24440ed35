package io.liveguard.web.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (and browsable at
 * {@code /swagger-ui.html}): every operation needs an API key as a bearer token
 * (marketplace clients) or HTTP Basic (people). It is meant for client generators, so it
 * is kept clean of Redocly's recommended warnings ({@code -Papi-lint}, docs/api.md):
 * every operation lists the problem details it answers with ({@link ProblemAnswers}), ids
 * are stable ({@link OperationIds}), the license is the repository's. Absent in a
 * command-line run, which serves nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	static final String BASIC_AUTH = "basicAuth";

	static final String API_KEY = "apiKey";

	@Bean
	OpenAPI liveGuardOpenApi() {
		return new OpenAPI()
			.info(new Info().title("LiveGuard API")
				.version("v1")
				.description("Livestream quality scoring and penalty engine. Errors are RFC 9457 problem details.")
				// OpenAPI 3.1: an SPDX identifier, or a url, not both
				.license(new License().name("Apache 2.0").identifier("Apache-2.0"))
				// the project has no address of its own yet to name here
				.contact(new Contact().name("The LiveGuard project")))
			// relative: the server that serves the description, wherever it runs (not the
			// host a request named)
			.addServersItem(new Server().url("/").description("This LiveGuard server"))
			.components(new Components()
				.addSecuritySchemes(API_KEY,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("An API key from POST /api/v1/api-keys (role PLATFORM): "
									+ "Authorization: Bearer lg_..."))
				.addSecuritySchemes(BASIC_AUTH,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("A LiveGuard user's name and password")))
			// either one: separate requirements are alternatives
			.addSecurityItem(new SecurityRequirement().addList(API_KEY))
			.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
	}

	@Bean
	OpenApiCustomizer problemAnswers(WebInvocationPrivilegeEvaluator privileges) {
		return new ProblemAnswers(privileges);
	}

	@Bean
	OperationCustomizer operationIds(
			@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlerMapping) {
		return new OperationIds(handlerMapping);
	}

}
