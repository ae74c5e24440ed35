package io.liveguard.web.system;

import io.liveguard.engine.session.StrictJson;
import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Input that cannot hurt (issue 12): the HTTP API's JSON is read as strictly as session
 * records ({@link StrictJson}: no coercions, dates and instants as strings, valid
 * Unicode, bounded length and nesting), JSON bodies are held to
 * {@code liveguard.input.max-record-size}, and the errors raised before Spring MVC (the
 * security firewall's, the servlet container's) are problem details too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InputProperties.class)
class InputConfiguration {

	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return StrictJson::strict;
	}

	@Bean
	JsonFactoryBuilderCustomizer jsonLimits(InputProperties input) {
		return (factory) -> StrictJson.limit(factory, input.maxRecordSize().toBytes());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class WebInput {

		@Bean
		FilterRegistrationBean<JsonBodyLimitFilter> jsonBodyLimitFilter(InputProperties input) {
			FilterRegistrationBean<JsonBodyLimitFilter> registration = new FilterRegistrationBean<>(
					new JsonBodyLimitFilter(input.maxRecordSize().toBytes()));
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
			return registration;
		}

		@Bean
		ProblemResponses problemResponses(JsonMapper json) {
			return new ProblemResponses(json);
		}

		/**
		 * A request the firewall refuses (an encoded slash, a {@code ;}, a backslash,
		 * {@code //} in the path): 400 as a problem detail. Spring Security takes the
		 * handler from the context; its message names the rule, not the caller's input.
		 */
		@Bean
		RequestRejectedHandler problemDetailsRequestRejectedHandler(ProblemResponses problems) {
			return (request, response, ex) -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
						"The URL was rejected: " + ex.getMessage().replace("The request was rejected because ", ""));
				problem.setTitle("Rejected URL");
				problems.write(response, problem);
			};
		}

		/**
		 * Tomcat's own error answers as problem details
		 * ({@link ProblemErrorReportValve}).
		 */
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
			return (factory) -> factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

		/**
		 * {@code /error} as problem details for the API ({@link ProblemErrorController}).
		 */
		@Bean
		BasicErrorController problemErrorController(ErrorAttributes errorAttributes, WebProperties web,
				ObjectProvider<ErrorViewResolver> errorViewResolvers, ProblemResponses problems) {
			return new ProblemErrorController(errorAttributes, web.getError(),
					errorViewResolvers.orderedStream().toList(), problems);
		}

	}

}
