package io.liveguard.web.page;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' language: English or Vietnamese, chosen with {@code ?lang=en|vi} and remembered in a
 * cookie; without a choice, the first of the two the browser's Accept-Language names, else English.
 */
@Configuration(proxyBeanMethods = false)
class PageConfiguration implements WebMvcConfigurer {

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("vi"));

	static final String COOKIE = "liveguard-lang";

	/** Named {@code localeResolver}, the name the dispatcher servlet looks it up by (and Boot backs off for). */
	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(PageConfiguration::fromAcceptLanguage);
		return resolver;
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

	/** {@code ?lang=} with a language of {@link #LANGUAGES}; anything else forgets the choice. */
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
