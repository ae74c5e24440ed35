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
 * every operation needs HTTP Basic.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BASIC_AUTH = "basicAuth";

	@Bean
	OpenAPI liveGuardOpenApi() {
		return new OpenAPI()
			.info(new Info().title("LiveGuard API")
				.version("v1")
				.description("Livestream quality scoring and penalty engine. Errors are RFC 9457 problem details."))
			.components(new Components().addSecuritySchemes(BASIC_AUTH,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("basic")
						.description("A LiveGuard user's name and password")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
	}

}
