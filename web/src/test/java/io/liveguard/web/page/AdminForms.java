package io.liveguard.web.page;

import java.nio.charset.StandardCharsets;

import io.liveguard.web.user.PageUsers;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * An admin using the admin pages in tests: forms posted with CSRF, pages read as text.
 */
public final class AdminForms {

	private AdminForms() {
	}

	/** Posts a form of name-value pairs as the admin, in the given web session. */
	public static MvcTestResult post(MockMvcTester mvc, MockHttpSession session, String uri, String... params) {
		var request = mvc.post().uri(uri).session(session).with(user(PageUsers.admin("admin"))).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		return request.exchange();
	}

	/** The page's HTML, read as the admin; it must answer 200. */
	public static String page(MockMvcTester mvc, MockHttpSession session, String uri) {
		MvcTestResult result = mvc.get().uri(uri).session(session).with(user(PageUsers.admin("admin"))).exchange();
		assertThat(result).hasStatusOk();
		return body(result);
	}

	public static String body(MvcTestResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	/** The text between the first {@code start} and the next {@code end} after it. */
	public static String between(String text, String start, String end) {
		int from = text.indexOf(start);
		assertThat(from).as("%s in the page", start).isNotNegative();
		return text.substring(from + start.length(), text.indexOf(end, from));
	}

}
