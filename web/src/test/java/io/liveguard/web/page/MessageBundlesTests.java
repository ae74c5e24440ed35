package io.liveguard.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The English and Vietnamese bundles say the same things, in UTF-8, and every message
 * formats.
 */
class MessageBundlesTests {

	private static final Properties english = bundle("messages.properties");

	private static final Properties vietnamese = bundle("messages_vi.properties");

	@Test
	void bothBundlesHaveTheSameKeys() {
		assertThat(vietnamese.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
	}

	@Test
	void vietnameseIsReadWithItsDiacritics() {
		assertThat(vietnamese.getProperty("login.title")).isEqualTo("Đăng nhập");
		assertThat(vietnamese.getProperty("level.PERMANENT")).isEqualTo("đình chỉ vĩnh viễn");
		assertThat(vietnamese.values())
			.allSatisfy((text) -> assertThat((String) text).doesNotContain("Ã", "Ä", "\uFFFD"));
	}

	@Test
	void everyMessageFormatsAndEveryBundleExplainsEachWarningAndLevel() {
		for (Properties bundle : new Properties[] { english, vietnamese }) {
			bundle.forEach((key,
					text) -> assertThatCode(
							() -> new MessageFormat((String) text, Locale.ROOT).format(new Object[] { 1, 2, 3 }))
						.as((String) key)
						.doesNotThrowAnyException());
			assertThat(bundle).containsKeys("warning.NEAR_THRESHOLD.fix", "warning.LOW_CONTENT_SCORE.fix",
					"level.BAN_3D", "level.BAN_7D", "level.BAN_30D", "level.PERMANENT");
		}
	}

	private static Properties bundle(String name) {
		Properties properties = new Properties();
		try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/" + name)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
