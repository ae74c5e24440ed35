package io.liveguard.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium driven by Selenium, from Debian's {@code chromium} and
 * {@code chromium-driver} (the {@code browser} Maven profile names them; {@code .ci/run}
 * installs them). Chromium is kept off the network: every host but 127.0.0.1 resolves to
 * nothing, so open the application at {@code http://127.0.0.1:<port>}.
 */
final class Chromium {

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	/** A new headless browser with a desktop-sized window. */
	static ChromeDriver start() {
		String driver = required("liveguard.test.chromedriver");
		String binary = required("liveguard.test.chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(binary);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900", "--no-first-run", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--lang=en-US",
				"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
		// the console, where Chromium reports what the Content-Security-Policy refused
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
		return chrome;
	}

	/** Makes the window the size of a phone, or back to a desktop. */
	static void phone(ChromeDriver chrome, boolean phone) {
		chrome.manage().window().setSize(phone ? new Dimension(390, 844) : new Dimension(1280, 900));
	}

	/**
	 * What the Content-Security-Policy refused since the last call (Chromium logs each
	 * refusal as a console error); reading the log empties it.
	 */
	static List<String> cspViolations(ChromeDriver chrome) {
		return chrome.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	/** The response headers of the current page, read again by the page itself. */
	@SuppressWarnings("unchecked")
	static Map<String, String> headers(ChromeDriver chrome) {
		return (Map<String, String>) chrome.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				fetch(location.href).then(function (response) {
				  var headers = {};
				  response.headers.forEach(function (value, name) { headers[name] = value; });
				  done(headers);
				});
				""");
	}

	/** Saves a full-window screenshot as {@code target/screenshots/<name>.png}. */
	static Path screenshot(ChromeDriver chrome, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.copy(chrome.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String required(String property) {
		String value = System.getProperty(property);
		if (value == null || !new File(value).canExecute()) {
			throw new IllegalStateException("Browser tests need " + property + " to name an executable (was " + value
					+ "); run them with -Pbrowser after 'apt-get install chromium chromium-driver'");
		}
		return value;
	}

}
