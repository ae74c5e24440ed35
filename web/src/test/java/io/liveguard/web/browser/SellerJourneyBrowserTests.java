package io.liveguard.web.browser;

import java.time.Duration;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.PageFixture;
import io.liveguard.web.page.PageTestConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real browser: a seller logs in with the form (getting a new session id),
 * reads its ban and the evidence with the score chart drawn, and appeals a finding; an
 * analyst overturns it; the seller logs in again and the points are gone. On a phone
 * nothing is wider than the screen; the pages speak Vietnamese. An admin starts a penalty
 * run and watches htmx bring its row to the end, and visits the users, API keys and audit
 * log pages. Screenshots of each page go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + SellerJourneyBrowserTests.PASSWORD)
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class SellerJourneyBrowserTests {

	static final String PASSWORD = "browser-journey-password";

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
	void examplesAfterTheRunAndABrowser() {
		PageFixture.examplesAfterTheRun(this.mvc, this.jdbc, this.runs, this.eligibility);
		this.jdbc.sql("delete from app_user where username = 'miracle'").update();
		this.jdbc.sql("""
				insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
				values ('miracle', ?, 'SELLER', 'shop-miracle', true, current_timestamp, 0)
				""").param(this.encoder.encode(PASSWORD)).update();
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
	void aSellerSeesTheBanAndTheEvidenceAppealsAndAfterAnAnalystOverturnsItThePointsAreGone() {
		// the login page already holds a session (for its CSRF token); logging in
		// replaces its id
		this.chrome.get("http://127.0.0.1:" + this.port + "/login");
		String before = this.chrome.manage().getCookieNamed("JSESSIONID").getValue();
		logIn("miracle");
		assertThat(this.chrome.manage().getCookieNamed("JSESSIONID").getValue()).isNotEqualTo(before);

		// the standing, with the chart drawn by Chart.js
		assertThat(this.chrome.getCurrentUrl()).endsWith("/seller");
		assertThat(this.chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Standing of shop-miracle");
		assertThat(this.chrome.findElement(By.cssSelector("#active-points .big")).getText()).isEqualTo("12");
		assertThat(this.chrome.findElement(By.id("ban")).getText())
			.contains("30-day live ban until 23 Dec 2026, 00:00");
		assertThat(this.chrome.executeScript("return Chart.getChart('score-chart').data.datasets[0].data")).asString()
			.isEqualTo("[90]");

		// under a strict Content-Security-Policy, which refused nothing of the page's
		// own; the cookie is SameSite
		assertThat(Chromium.headers(this.chrome)).containsKeys("content-security-policy")
			.containsEntry("referrer-policy", "same-origin");
		assertThat(Chromium.headers(this.chrome).get("content-security-policy")).contains("script-src 'self'")
			.doesNotContain("unsafe-inline");
		assertThat(Chromium.cspViolations(this.chrome)).isEmpty();
		assertThat(this.chrome.manage().getCookieNamed("JSESSIONID").getSameSite()).isEqualTo("Lax");
		// while an injected inline handler does not run, and is reported
		this.chrome.executeScript("document.body.insertAdjacentHTML('beforeend',"
				+ " '<img src=\"/nowhere.png\" onerror=\"document.title = 1\">')");
		new WebDriverWait(this.chrome, Duration.ofSeconds(5))
			.until((driver) -> !Chromium.cspViolations(this.chrome).isEmpty());
		assertThat(this.chrome.getTitle()).isNotEqualTo("1");

		// an appeal through the form
		WebElement finding = this.chrome
			.findElement(By.cssSelector("#session-ex-claim-001 li.finding[data-code='MISLEADING_HEALTH_CLAIM']"));
		finding.findElement(By.tagName("summary")).click();
		finding.findElement(By.name("reason")).sendKeys("The host quoted a customer; we said it is not a cure.");
		finding.findElement(By.cssSelector("button[type=submit]")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.ok")));
		assertThat(this.chrome.findElement(By.cssSelector(".notice.ok")).getText())
			.contains("Your appeal against MISLEADING_HEALTH_CLAIM of session ex-claim-001 has been filed");
		assertThat(this.chrome
			.findElement(By.cssSelector("#session-ex-claim-001 li.finding[data-code='MISLEADING_HEALTH_CLAIM']"))
			.getText()).contains("Appeal: Open, waiting for an analyst");
		assertThat(this.chrome
			.findElement(By.cssSelector("#session-ex-claim-001 li.finding[data-code='MISLEADING_HEALTH_CLAIM']"))
			.getText()).as("the evidence: the transcript line and its time").contains("CHUA KHOI", "TRANSCRIPT");
		Chromium.screenshot(this.chrome, "seller-standing");

		// on a phone nothing is wider than the screen; wide tables scroll in their own
		// box
		Chromium.phone(this.chrome, true);
		this.chrome.navigate().refresh();
		assertThat((Long) this.chrome.executeScript("return document.documentElement.scrollWidth"))
			.isLessThanOrEqualTo((Long) this.chrome.executeScript("return window.innerWidth"));
		Chromium.screenshot(this.chrome, "seller-standing-phone");
		Chromium.phone(this.chrome, false);

		// in Vietnamese, then out
		this.chrome.findElement(By.linkText("Tiếng Việt")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("lang=vi"));
		assertThat(this.chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Tình trạng của shop-miracle");
		assertThat(this.chrome.findElement(By.id("ban")).getText())
			.contains("cấm livestream 30 ngày đến 00:00 23/12/2026");
		Chromium.screenshot(this.chrome, "seller-standing-vi");
		this.chrome.findElement(By.cssSelector("form[action='/logout'] button")).click();
		waitForUrl("/seller");
		assertThat(this.chrome.getCurrentUrl()).endsWith("/login?logout");
		assertThat(this.chrome.findElement(By.cssSelector(".notice.ok")).getText()).isEqualTo("Bạn đã đăng xuất.");
		this.chrome.get("http://127.0.0.1:" + this.port + "/login?lang=en");

		// an analyst reads the appeal with its evidence and overturns it, lifting the ban
		// at once
		logIn("lan");
		assertThat(this.chrome.getCurrentUrl()).endsWith("/analyst/appeals");
		WebElement appeal = this.chrome.findElement(By.cssSelector("article.appeal"));
		assertThat(appeal.getText()).contains("MISLEADING_HEALTH_CLAIM", "The host quoted a customer", "CHUA KHOI");
		appeal.findElement(By.name("note")).sendKeys("A customer's words, read out and rejected by the host.");
		appeal.findElement(By.name("liftNow")).click();
		Chromium.screenshot(this.chrome, "analyst-appeals");
		appeal.findElement(By.cssSelector("button[value=OVERTURNED]")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.ok")));
		assertThat(this.chrome.findElements(By.cssSelector("article.appeal"))).isEmpty();
		assertThat(this.chrome.findElement(By.id("decided")).getText()).contains("MISLEADING_HEALTH_CLAIM");
		this.chrome.findElement(By.cssSelector("form[action='/logout'] button")).click();
		waitForUrl("/analyst");

		// the seller: the overturned points no longer count and the ban is lifted
		logIn("miracle");
		assertThat(this.chrome.findElement(By.cssSelector("#active-points .big")).getText()).isEqualTo("6");
		assertThat(this.chrome
			.findElement(By.cssSelector("tr[data-session='ex-claim-001'][data-code='MISLEADING_HEALTH_CLAIM']"))
			.getText()).contains("Overturned");
		assertThat(this.chrome.findElement(By.id("ban")).getText()).contains("Allowed: no ban in force");
		Chromium.screenshot(this.chrome, "seller-standing-after-appeal");
	}

	@Test
	void anAdminStartsARunAndHtmxFollowsItToTheEnd() {
		logIn("admin");

		assertThat(this.chrome.getCurrentUrl()).endsWith("/admin/penalty-runs");
		WebElement date = this.chrome.findElement(By.name("businessDate"));
		this.chrome.executeScript("arguments[0].value = '2026-11-23'", date);
		this.chrome.findElement(By.name("market")).sendKeys("VN");
		this.chrome.findElement(By.cssSelector("form[action='/admin/penalty-runs'] button")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice.ok")));

		String notice = this.chrome.findElement(By.cssSelector(".notice.ok")).getText();
		assertThat(notice).matches("Penalty run \\d+ started\\.");
		String runId = notice.replaceAll("\\D", "");
		// htmx swaps the row in every 2 s: an element found just before a swap is stale
		// when read
		new WebDriverWait(this.chrome, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.attributeToBe(By.id("run-" + runId), "data-status", "COMPLETED"));
		assertThat(this.chrome.findElement(By.id("run-" + runId)).getText()).contains("Completed", "4 / 4");
		assertThat(this.chrome.findElement(By.id("run-" + runId)).getAttribute("hx-trigger")).isNull();
		Chromium.screenshot(this.chrome, "penalty-runs");

		// users and API keys: a new key is shown once
		this.chrome.findElement(By.linkText("API keys")).click();
		this.chrome.findElement(By.name("name")).sendKeys("Shop VN ingest");
		this.chrome.findElement(By.cssSelector("#create-key button")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(By.id("issued-key")));
		assertThat(this.chrome.findElement(By.cssSelector("#issued-key code")).getText()).startsWith("lg_");
		Chromium.screenshot(this.chrome, "admin-api-keys");
		this.chrome.findElement(By.linkText("Users")).click();
		assertThat(this.chrome.findElement(By.id("users")).getText()).contains("miracle", "shop-miracle", "lan");
		Chromium.screenshot(this.chrome, "admin-users");
		this.chrome.findElement(By.linkText("Audit log")).click();
		assertThat(this.chrome.findElement(By.id("audit")).getText()).contains("API_KEY_CREATED", "PENALTY_RUN_STARTED",
				"AUTHENTICATION_SUCCESS");
		Chromium.screenshot(this.chrome, "admin-audit");
		assertThat(Chromium.cspViolations(this.chrome)).as("htmx and the admin pages under the CSP").isEmpty();
	}

	private void logIn(String username) {
		this.chrome.get("http://127.0.0.1:" + this.port + "/login");
		this.chrome.findElement(By.name("username")).sendKeys(username);
		this.chrome.findElement(By.name("password")).sendKeys(PASSWORD);
		this.chrome.findElement(By.cssSelector("form[action='/login'] button")).click();
		waitForUrl("/login");
	}

	/** Waits until the browser has left a page whose URL contains {@code leaving}. */
	private void waitForUrl(String leaving) {
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.not(ExpectedConditions.urlContains(leaving)));
	}

}
