package io.liveguard.web.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (and browsable at {@code /swagger-ui.html}):
 * every operation needs an API key as a bearer token (marketplace clients) or HTTP Basic (people).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC_AUTH = "basicAuth";

	static final String API_KEY = "apiKey";

	@Bean
	OpenAPI liveGuardOpenApi() {
		return new OpenAPI()
			.info(new Info().title("LiveGuard API")
				.version("v1")
				.description("Livestream quality scoring and penalty engine. Errors are RFC 9457 problem details."))
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

}
