package io.liveguard.web.page;

import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * The pages' language: English or Vietnamese, chosen with {@code ?lang=en|vi} and
 * remembered in a cookie; without a choice, the first of the two the browser's
 * Accept-Language names, else English. And the rewriting of resource URLs, which only the
 * pages need.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("vi"));

	static final String COOKIE = "liveguard-lang";

	/**
	 * Named {@code localeResolver}, the name the dispatcher servlet looks it up by (and
	 * Boot backs off for).
	 */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(PageConfiguration::fromAcceptLanguage);
		return resolver;
	}

	/**
	 * Resource URL rewriting (WebJars' versioned paths in the templates) for the pages
	 * only, in place of Boot's registration for every request: API answers carry no such
	 * URLs, and the request and response wrappers cost the go-live eligibility hot path
	 * about a twentieth of its CPU (bench/README.md, "Go-live eligibility").
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		return new FilterRegistrationBean<>(new PagesOnlyResourceUrlEncodingFilter());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch()).excludePathPatterns("/api/**");
	}

	static Locale fromAcceptLanguage(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") != null) {
			for (Locale wanted : Collections.list(request.getLocales())) {
				Locale supported = supported(wanted.getLanguage());
				if (supported != null) {
					return supported;
				}
			}
		}
		return Locale.ENGLISH;
	}

	static @Nullable Locale supported(@Nullable String language) {
		return LANGUAGES.stream()
			.filter((locale) -> locale.getLanguage().equalsIgnoreCase(language))
			.findFirst()
			.orElse(null);
	}

	/** Leaves requests under {@code /api/} alone. */
	static class PagesOnlyResourceUrlEncodingFilter extends ResourceUrlEncodingFilter {

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request instanceof HttpServletRequest http
					&& http.getRequestURI().startsWith("/api/", http.getContextPath().length())) {
				chain.doFilter(request, response);
				return;
			}
			super.doFilter(request, response, chain);
		}

	}

	/**
	 * {@code ?lang=} with a language of {@link #LANGUAGES}; anything else forgets the
	 * choice.
	 */
	static class LanguageSwitch extends LocaleChangeInterceptor {

		LanguageSwitch() {
			setParamName("lang");
			setHttpMethods("GET");
		}

		@Override
		protected @Nullable Locale parseLocaleValue(String localeValue) {
			return supported(localeValue.strip());
		}

	}

}
