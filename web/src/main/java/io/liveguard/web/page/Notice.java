package io.liveguard.web.page;

import java.util.List;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a page says after a form was sent: a message key of the bundles and its arguments,
 * shown once on the page the form redirects to.
 *
 * @param kind {@code ok} or {@code error}
 * @param key the message key
 * @param args the message's arguments
 */
public record Notice(String kind, String key, List<Object> args) {

	public static final String ATTRIBUTE = "notice";

	public Notice {
		args = List.copyOf(args);
	}

	public static void ok(RedirectAttributes redirect, String key, Object... args) {
		redirect.addFlashAttribute(ATTRIBUTE, new Notice("ok", key, List.of(args)));
	}

	public static void error(RedirectAttributes redirect, String key, Object... args) {
		redirect.addFlashAttribute(ATTRIBUTE, new Notice("error", key, List.of(args)));
	}

	/** The arguments as the message source takes them. */
	public Object[] arguments() {
		return this.args.toArray();
	}

}
