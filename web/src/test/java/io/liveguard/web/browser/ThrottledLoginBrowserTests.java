package io.liveguard.web.browser;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login form under attack, in a real browser: after the address's budget of failed
 * logins the form answers with the login page and its message instead of checking the
 * password, even the right one, still under the pages' Content-Security-Policy and with a
 * form that can be sent again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "liveguard.bootstrap.admin-password=" + ThrottledLoginBrowserTests.PASSWORD,
				"liveguard.throttle.failures=3", "liveguard.throttle.period=PT1H" })
class ThrottledLoginBrowserTests {

	static final String PASSWORD = "browser-throttle-password";

	@LocalServerPort
	private int port;

	private ChromeDriver chrome;

	@BeforeEach
	void browser() {
		this.chrome = Chromium.start();
	}

	@AfterEach
	void quit() {
		this.chrome.quit();
	}

	@Test
	void afterThreeWrongPasswordsTheFormSaysToWaitAndChecksNoPassword() {
		for (int i = 0; i < 3; i++) {
			logIn("admin", "a-wrong-password-" + i);
			// a failure goes back to the form
			wait(20).until(ExpectedConditions.urlMatches("/login\\?error$"));
		}

		logIn("admin", PASSWORD);

		wait(20).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.error")));
		assertThat(this.chrome.findElement(By.cssSelector(".notice.error")).getText())
			.contains("Too many failed logins from your address");
		assertThat(this.chrome.getCurrentUrl()).as("not logged in").doesNotEndWith("/admin/penalty-runs");
		assertThat(this.chrome.findElements(By.name("_csrf"))).as("the form can be sent again").isNotEmpty();
		assertThat(Chromium.cspViolations(this.chrome)).isEmpty();
		Chromium.screenshot(this.chrome, "login-throttled");
	}

	private FluentWait<WebDriver> wait(int seconds) {
		// pages that refresh themselves replace their elements: one found just before is
		// stale when read
		return new WebDriverWait(this.chrome, Duration.ofSeconds(seconds))
			.ignoring(StaleElementReferenceException.class);
	}

	private void logIn(String username, String password) {
		this.chrome.get("http://127.0.0.1:" + this.port + "/login?lang=en");
		this.chrome.findElement(By.name("username")).sendKeys(username);
		this.chrome.findElement(By.name("password")).sendKeys(password);
		this.chrome.findElement(By.cssSelector("form[action='/login'] button")).click();
	}

}
