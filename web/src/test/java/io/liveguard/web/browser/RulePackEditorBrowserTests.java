package io.liveguard.web.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.PageFixture;
import io.liveguard.web.page.PageTestConfiguration;
import io.liveguard.web.user.PageUsers;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The rule pack editor in a real browser: an analyst starts a draft, types a line that
 * does not compile into CodeMirror and sees the error pinned to its line, adds a keyword,
 * back-tests the draft and sees the chart of the difference per day.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + RulePackEditorBrowserTests.PASSWORD)
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
@DirtiesContext
class RulePackEditorBrowserTests {

	static final String PASSWORD = "browser-editor-password";

	@LocalServerPort
	private int port;

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PenaltyRuns runs;

	@Autowired
	private EligibilityIndex eligibility;

	@Autowired
	private PasswordEncoder encoder;

	private ChromeDriver chrome;

	@BeforeEach
	void historyAnAnalystAndABrowser() {
		PageFixture.examplesAfterTheRun(this.mvc, this.jdbc, this.runs, this.eligibility);
		String session = example("clean-session.json").replace("ex-clean-001", "ex-signal-001")
			.replace("shop-honest", "shop-signal")
			.replace("Gạo ST25 xuất xứ Sóc Trăng",
					"Muốn giá tốt thì nhắn signal cho shop nhé. Gạo ST25 xuất xứ Sóc Trăng");
		assertThat(this.mvc.post()
			.uri("/api/v1/sessions")
			.with(user(PageUsers.admin("admin")))
			.contentType(MediaType.APPLICATION_JSON)
			.content(session)).hasStatus(HttpStatus.CREATED);
		this.jdbc.sql("delete from app_user where username = 'lan'").update();
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
				values ('lan', ?, 'ANALYST', null, true, current_timestamp, 0)
				""").param(this.encoder.encode(PASSWORD)).update();
		this.chrome = Chromium.start();
	}

	@AfterEach
	void closeTheBrowser() {
		this.chrome.quit();
	}

	@Test
	void anAnalystSeesTheErrorOnItsLineAndBackTestsADraft() {
		this.chrome.get("http://127.0.0.1:" + this.port + "/login");
		this.chrome.findElement(By.name("username")).sendKeys("lan");
		this.chrome.findElement(By.name("password")).sendKeys(PASSWORD);
		this.chrome.findElement(By.cssSelector("form[action='/login'] button")).click();
		wait(10).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

		this.chrome.findElement(By.linkText("Rule packs")).click();
		this.chrome.findElement(By.cssSelector("#version-1 form button")).click();
		// drafts compile in a child JVM: seconds, more on a loaded machine
		wait(60).until(ExpectedConditions.urlMatches("/analyst/rule-packs/default/versions/\\d+$"));
		String editor = this.chrome.getCurrentUrl();
		assertThat(this.chrome.findElement(By.cssSelector(".notice.ok")).getText()).contains("created from v1");
		assertThat(this.chrome.findElements(By.cssSelector(".CodeMirror"))).as("CodeMirror is on").hasSize(1);
		assertThat(this.chrome.findElements(By.cssSelector(".CodeMirror .cm-keyword"))).as("DRL highlighted")
			.isNotEmpty();
		assertThat(Chromium.headers(this.chrome)).containsKeys("content-security-policy", "referrer-policy");
		assertThat(Chromium.cspViolations(this.chrome)).as("CodeMirror under the CSP").isEmpty();

		// a line that does not compile, typed into the editor
		this.chrome.executeScript("var e = window.liveguardEditor;"
				+ "e.setValue(e.getValue().replace('then', 'then\\n    this is not java;'));");
		this.chrome.findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		wait(60).until(ExpectedConditions.presenceOfElementLocated(By.id("errors")));
		assertThat(this.chrome.findElement(By.cssSelector(".notice.error")).getText()).contains("was not saved");
		String line = this.chrome.findElement(By.cssSelector("#errors li")).getAttribute("data-line");
		Object bgClass = this.chrome
			.executeScript("return window.liveguardEditor.lineInfo(" + (Integer.parseInt(line) - 1) + ").bgClass");
		assertThat(bgClass).asString().contains("cm-error-line");
		assertThat(this.chrome.findElements(By.cssSelector(".CodeMirror .cm-error-line"))).isNotEmpty();
		assertThat((String) this.chrome.executeScript("return window.liveguardEditor.getValue()"))
			.as("the edit is kept")
			.contains("this is not java");
		Chromium.screenshot(this.chrome, "rule-editor-error");

		// a keyword added to the off-platform list
		this.chrome.get(editor + "?file=keywords/off-platform.txt");
		this.chrome.executeScript("var e = window.liveguardEditor; e.setValue(e.getValue() + 'signal\\n');");
		this.chrome.findElement(By.cssSelector("#editor-form button[type=submit]")).click();
		wait(60).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "saved"));
		assertThat(this.chrome.findElement(By.cssSelector(".diff pre")).getText()).contains("+signal");

		// proposed for publishing: frozen, with the content hash the admin will approve
		String hash = this.chrome.findElement(By.id("content-hash")).getText();
		assertThat(hash).matches("sha256:[0-9a-f]{64}");
		this.chrome.findElement(By.cssSelector("#propose-form button")).click();
		wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice.ok"), "frozen"));
		assertThat(this.chrome.findElement(By.id("content-hash")).getText()).isEqualTo(hash);
		assertThat(this.chrome.findElements(By.cssSelector("#editor-form button[type=submit]"))).as("no Save")
			.isEmpty();
		assertThat(this.chrome.findElements(By.id("propose-form"))).isEmpty();

		// back-tested over November: the signal session gains a finding, drawn per day
		this.chrome.executeScript("document.querySelector('#backtest-form input[name=from]').value = '2026-11-01';"
				+ "document.querySelector('#backtest-form input[name=to]').value = '2026-11-22';");
		this.chrome.findElement(By.cssSelector("#backtest-form button")).click();
		wait(60).until(ExpectedConditions.attributeToBe(By.id("progress"), "data-status", "COMPLETED"));
		assertThat(this.chrome.findElement(By.id("by-code")).getText()).contains("OFF_PLATFORM_REDIRECT");
		assertThat(this.chrome.executeScript(
				"return Chart.getChart('backtest-chart').data.datasets[0].data.reduce(function (a, b) { return a + b; }, 0)"))
			.asString()
			.isEqualTo("1");
		Chromium.screenshot(this.chrome, "backtest");
		assertThat(Chromium.cspViolations(this.chrome)).as("the back-test chart under the CSP").isEmpty();
	}

	private FluentWait<WebDriver> wait(int seconds) {
		// pages that refresh themselves replace their elements: one found just before is
		// stale when read
		return new WebDriverWait(this.chrome, Duration.ofSeconds(seconds))
			.ignoring(StaleElementReferenceException.class);
	}

	private static String example(String name) {
		try (InputStream in = RulePackEditorBrowserTests.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
