package io.liveguard.web.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import io.liveguard.web.page.PageTestConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lives' pages in a real browser: an analyst keeps the live console open while the
 * platform sends a signal through the API, and the action it decided appears in the
 * live's row without a reload; the live's page draws its timeline, and shows the next
 * action and signal without a reload too. A seller reads its own live and the action
 * taken in Vietnamese. Nothing is refused by the Content-Security-Policy. Screenshots go
 * to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "liveguard.bootstrap.admin-password=" + SellerJourneyBrowserTests.PASSWORD)
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class LivesBrowserTests {

	static final String PASSWORD = SellerJourneyBrowserTests.PASSWORD;

	/** An hour before the page tests' clock. */
	static final String START = "2026-11-23T02:00:00Z";

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordEncoder encoder;

	private final HttpClient http = HttpClient.newHttpClient();

	private ChromeDriver chrome;

	private String sellerId;

	private String liveId;

	@BeforeEach
	void usersALiveAndABrowser() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.sellerId = "shop-lb-" + suffix;
		this.liveId = "lb-live-" + suffix;
		createUser("lb-analyst", "ANALYST", null);
		this.jdbc.sql("delete from app_user where username = 'lb-seller'").update();
		createUser("lb-seller", "SELLER", this.sellerId);
		assertThat(api("/api/v1/lives", """
				{"liveId":"%s","sellerId":"%s","market":"VN","startedAt":"%s",
				 "host":{"hostId":"kol-77","identityVerified":true},
				 "products":[{"sku":"p-1","category":"GENERAL","declaredOrigin":"VN","verifiedOrigin":"VN",
				   "listPrice":450000,"livePrice":399000}]}
				""".formatted(this.liveId, this.sellerId, START))).isEqualTo(201);
		this.chrome = Chromium.start();
	}

	@AfterEach
	void closeTheBrowser() {
		this.chrome.quit();
	}

	@Test
	void anActionDecidedWhileTheConsoleIsOpenAppearsWithoutAReload() {
		logIn("lb-analyst");
		this.chrome.findElement(By.linkText("Live console")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("/lives$"));
		By row = By.id("live-" + this.liveId);
		assertThat(this.chrome.findElement(row).getText()).contains(this.sellerId, "VN", "None yet");
		assertThat(this.chrome.findElement(row).getAttribute("data-strikes")).isEqualTo("0");
		// a mark that a reload would wipe out
		this.chrome.executeScript("window.liveConsoleMark = 'still here'");

		assertThat(api("/api/v1/lives/" + this.liveId + "/signals",
				"""
						{"signals":[{"seq":1,"at":"2026-11-23T02:05:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.93}]}
						"""))
			.isEqualTo(200);

		// htmx swaps the rows in every 2 s: an element found just before a swap is stale
		// when read
		new WebDriverWait(this.chrome, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.attributeToBe(row, "data-strikes", "1"));
		assertThat(this.chrome.findElement(row).getText()).contains("Reminder", "VULGAR_CONTENT");
		assertThat(this.chrome.executeScript("return window.liveConsoleMark")).isEqualTo("still here");
		Chromium.screenshot(this.chrome, "live-console");

		// the live's page: the timeline drawn by Chart.js, the action with its evidence
		this.chrome.findElement(By.cssSelector("#live-" + this.liveId + " a")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlContains("/lives/" + this.liveId));
		assertThat(this.chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Live " + this.liveId);
		assertThat(this.chrome.executeScript(
				"return Chart.getChart('live-chart').data.datasets.map(function (d) { return d.data.length; })"))
			.asString()
			.isEqualTo("[1, 1, 0]");
		assertThat(this.chrome.findElement(By.id("actions")).getText()).contains("Reminder", "Vulgar content",
				"MODERATION_FLAG");
		Chromium.screenshot(this.chrome, "live-page");

		// the live's page refreshes itself while the live runs: a new action and signal
		// appear, and the timeline is drawn again, without a reload
		this.chrome.executeScript("window.livePageMark = 'still here'");
		assertThat(api("/api/v1/lives/" + this.liveId + "/signals",
				"""
						{"signals":[{"seq":2,"at":"2026-11-23T02:06:00Z","type":"MODERATION_FLAG","code":"OFF_PLATFORM_REDIRECT","confidence":0.9}]}
						"""))
			.isEqualTo(200);
		By second = By.id("action-" + this.liveId + ":2");
		new WebDriverWait(this.chrome, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class)
			.until(ExpectedConditions.presenceOfElementLocated(second));
		assertThat(this.chrome.findElement(second).getText()).contains("Warning", "OFF_PLATFORM_REDIRECT");
		assertThat(this.chrome.findElement(By.id("live-signals")).getText()).contains("2");
		assertThat(this.chrome.executeScript(
				"return Chart.getChart('live-chart').data.datasets.map(function (d) { return d.data.length; })"))
			.asString()
			.isEqualTo("[2, 2, 0]");
		assertThat(this.chrome.executeScript("return window.livePageMark")).isEqualTo("still here");
		Chromium.screenshot(this.chrome, "live-page-updated");
		assertThat(Chromium.cspViolations(this.chrome)).as("htmx and Chart.js under the CSP").isEmpty();
	}

	@Test
	void aSellerReadsItsLiveAndTheActionTakenInVietnamese() {
		api("/api/v1/lives/" + this.liveId + "/signals",
				"""
						{"signals":[{"seq":1,"at":"2026-11-23T02:05:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.93},
						  {"seq":2,"at":"2026-11-23T02:06:00Z","type":"MODERATION_FLAG","code":"OFF_PLATFORM_REDIRECT","confidence":0.9}]}
						""");
		this.chrome.get("http://127.0.0.1:" + this.port + "/login?lang=vi");
		logIn("lb-seller");
		this.chrome.findElement(By.linkText("Livestream của tôi")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/seller/lives"));
		assertThat(this.chrome.findElement(By.tagName("h1")).getText()).isEqualTo("Livestream của " + this.sellerId);
		assertThat(this.chrome.findElement(By.id("live-" + this.liveId)).getText()).contains("Đang phát");
		Chromium.screenshot(this.chrome, "seller-lives-vi");

		this.chrome.findElement(By.cssSelector("#live-" + this.liveId + " a")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.urlContains("/lives/" + this.liveId));
		assertThat(this.chrome.findElement(By.id("actions")).getText()).contains("Nhắc nhở", "Cảnh báo",
				"VULGAR_CONTENT", "OFF_PLATFORM_REDIRECT");
		assertThat(this.chrome.findElement(By.id("live-strikes")).getText()).contains("Lần vi phạm", "2");
		assertThat(this.chrome.executeScript("return Chart.getChart('live-chart').data.datasets[0].data.length"))
			.isEqualTo(2L);
		assertThat(this.chrome.executeScript("var y = Chart.getChart('live-chart').scales.y;"
				+ " return y.ticks.map(function (t) { return t.label; })"))
			.asString()
			.contains("Dừng", "Cảnh báo", "Nhắc nhở", "MODERATION_FLAG");
		Chromium.screenshot(this.chrome, "seller-live-vi");
		assertThat(Chromium.cspViolations(this.chrome)).isEmpty();
	}

	private void createUser(String username, String role, String sellerId) {
		if (this.jdbc.sql("select count(*) from app_user where username = ?")
			.param(username)
			.query(Long.class)
			.single() == 0) {
			this.jdbc.sql("""
					insert into app_user (username, password_hash, role, seller_id, enabled, created_at, failed_logins)
					values (?, ?, ?, ?, true, current_timestamp, 0)
					""").params(username, this.encoder.encode(PASSWORD), role, sellerId).update();
		}
	}

	/** POSTs a body to the API as the admin; the status. */
	private int api(String path, String body) {
		String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Basic " + credentials)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void logIn(String username) {
		if (!this.chrome.getCurrentUrl().contains("/login")) {
			this.chrome.get("http://127.0.0.1:" + this.port + "/login");
		}
		this.chrome.findElement(By.name("username")).sendKeys(username);
		this.chrome.findElement(By.name("password")).sendKeys(PASSWORD);
		this.chrome.findElement(By.cssSelector("form[action='/login'] button")).click();
		new WebDriverWait(this.chrome, Duration.ofSeconds(10))
			.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

}
