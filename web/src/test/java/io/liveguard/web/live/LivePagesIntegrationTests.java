package io.liveguard.web.live;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import io.liveguard.web.page.PageTestConfiguration;
import io.liveguard.web.user.PageUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The lives' pages over lives opened and fed through {@link LiveEnforcement}, as the API
 * does: the console with each running live's strikes and last action and the fragment
 * htmx polls, a live's page with its timeline data and each action's evidence, and the
 * seller's own lives, in English and Vietnamese; another seller's live is 404.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class LivePagesIntegrationTests {

	/** An hour before the page tests' clock. */
	static final String START = "2026-11-23T02:00:00Z";

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private LiveEnforcement lives;

	private String sellerId;

	private String liveId;

	@BeforeEach
	void aLiveWithAReminder() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.sellerId = "shop-lp-" + suffix;
		this.liveId = "lp-live-" + suffix;
		open(this.liveId, this.sellerId);
		this.lives.signals(this.liveId,
				"""
						{"signals":[
						  {"seq":1,"at":"2026-11-23T02:05:00Z","type":"MODERATION_FLAG","code":"VULGAR_LANGUAGE","confidence":0.93},
						  {"seq":2,"at":"2026-11-23T02:04:00Z","type":"TRANSCRIPT","text":"chao ca nha"}
						],"viewers":420}
						""",
				Locale.ENGLISH);
	}

	@Test
	void theConsoleShowsTheRunningLivesWithStrikesAndLastActionAndItsRowsArePolled() {
		String console = page("/lives", PageUsers.analyst("lp-analyst"));

		assertThat(console).contains("<h1>Live console</h1>", "htmx.min.js")
			.contains("hx-get=\"/lives/open/rows\"", "hx-trigger=\"every 2s\"")
			.containsPattern("id=\"live-" + this.liveId + "\" data-strikes=\"1\"")
			.contains(this.sellerId, "Reminder", "VULGAR_CONTENT", "23 Nov 2026, 02:05 UTC")
			.contains("href=\"/lives/" + this.liveId + "\"");

		this.lives.signals(this.liveId,
				"""
						{"signals":[{"seq":3,"at":"2026-11-23T02:06:00Z","type":"MODERATION_FLAG","code":"OFF_PLATFORM_REDIRECT","confidence":0.9}]}
						""",
				Locale.ENGLISH);
		String rows = page("/lives/open/rows", PageUsers.admin("lp-admin"));
		assertThat(rows).startsWith("<tbody")
			.doesNotContain("<html")
			.contains("hx-trigger=\"every 2s\"")
			.containsPattern("id=\"live-" + this.liveId + "\" data-strikes=\"2\"")
			.contains("Warning", "OFF_PLATFORM_REDIRECT");
		assertThat(page("/lives?lang=vi", PageUsers.admin("lp-admin"))).contains("Giám sát livestream", "Cảnh báo");
	}

	@Test
	void aStoppedLiveLeavesTheConsoleAndItsPageShowsTheTimelineAndEachActionWithItsEvidence() {
		this.lives.signals(this.liveId,
				"""
						{"signals":[
						  {"seq":3,"at":"2026-11-23T02:06:00Z","type":"MODERATION_FLAG","code":"OFF_PLATFORM_REDIRECT","confidence":0.9},
						  {"seq":4,"at":"2026-11-23T02:07:00Z","type":"MODERATION_FLAG","code":"FAKE_ENGAGEMENT","confidence":0.95},
						  {"seq":5,"at":"2026-11-23T02:01:00Z","type":"DEAD_AIR","durationSec":5}
						]}
						""",
				Locale.ENGLISH);
		assertThat(page("/lives", PageUsers.analyst("lp-analyst"))).doesNotContain("live-" + this.liveId);

		String live = page("/lives/" + this.liveId, PageUsers.analyst("lp-analyst"));
		assertThat(live).contains("<h1>Live " + this.liveId + "</h1>", "Stopped")
			.contains("Seller " + this.sellerId + ", market VN; times in Asia/Ho_Chi_Minh")
			.containsPattern("id=\"live-strikes\"[^>]*>\\s*<h3>Strikes</h3>\\s*<div class=\"big\">4</div>")
			.contains("1 of them late", "1 strike after it", "4 strikes after it")
			// the actions in order, each with its level, code, time in the market's
			// zone, message and evidence
			.contains("id=\"action-" + this.liveId + ":1\"", "id=\"action-" + this.liveId + ":2\"",
					"id=\"action-" + this.liveId + ":3\"")
			.contains("data-level=\"REMIND\"", "data-level=\"WARN\"", "data-level=\"STOP\"")
			.contains("Vulgar content", "Redirect off the platform", "Fake engagement", "23 Nov 2026, 09:05")
			.contains("Reminder: ", "MODERATION_FLAG", "Evidence to keep: the stream from")
			// the timeline: its rows (signal types as first judged: a request's in
			// at order), a point per signal (the late one apart) and per action
			.contains("chart.umd.min.js", "live-chart.js")
			.contains("&quot;rows&quot;:[&quot;STOP&quot;,&quot;WARN&quot;,&quot;REMIND&quot;,"
					+ "&quot;TRANSCRIPT&quot;,&quot;MODERATION_FLAG&quot;,&quot;DEAD_AIR&quot;]")
			.contains("&quot;labels&quot;:{&quot;STOP&quot;:&quot;Stop&quot;,&quot;WARN&quot;:&quot;Warning&quot;,"
					+ "&quot;REMIND&quot;:&quot;Reminder&quot;}")
			.contains("{&quot;x&quot;:5.0,&quot;y&quot;:&quot;REMIND&quot;")
			.contains("&quot;late&quot;:[{&quot;x&quot;:1.0,&quot;y&quot;:&quot;DEAD_AIR&quot;")
			.contains("&quot;text&quot;:&quot;#2 text=chao ca nha&quot;")
			.contains("href=\"/lives\"");
	}

	@Test
	void aRunningLivesPageAsksForItsNewActionsAndSignalsAndStopsAskingOnceTheLiveEnded() {
		UserDetails seller = PageUsers.seller("lp-seller", this.sellerId);
		String version = "OPEN-2-1";
		String live = page("/lives/" + this.liveId, seller);
		assertThat(live).contains("htmx.min.js", "live-chart.js")
			.contains("<div id=\"live-updates\"", "data-version=\"" + version + "\"")
			.contains("hx-get=\"/lives/" + this.liveId + "/updates?seen=" + version + "\"")
			.contains("hx-trigger=\"every 2s\"", "hx-swap=\"outerHTML\"");

		// nothing new: nothing to swap
		assertThat(this.mvc.get().uri("/lives/{id}/updates?seen={seen}", this.liveId, version).with(user(seller)))
			.hasStatus(HttpStatus.NO_CONTENT)
			.body()
			.isEmpty();

		// a new action: the fragment, with it, and the next version to ask with
		this.lives.signals(this.liveId,
				"""
						{"signals":[{"seq":3,"at":"2026-11-23T02:06:00Z","type":"MODERATION_FLAG","code":"OFF_PLATFORM_REDIRECT","confidence":0.9}]}
						""",
				Locale.ENGLISH);
		String updates = page("/lives/" + this.liveId + "/updates?seen=" + version, seller);
		assertThat(updates).startsWith("<div id=\"live-updates\"")
			.doesNotContain("<html", "<script")
			.contains("hx-get=\"/lives/" + this.liveId + "/updates?seen=OPEN-3-2\"", "hx-trigger=\"every 2s\"")
			.contains("id=\"action-" + this.liveId + ":2\"", "data-level=\"WARN\"", "OFF_PLATFORM_REDIRECT")
			.containsPattern("id=\"live-signals\"[^>]*>\\s*<h3>[^<]*</h3>\\s*<div class=\"big\">3</div>")
			.contains("live-chart");

		// ended: drawn once more, without polling
		this.lives.end(this.liveId, """
				{"endedAt":"2026-11-23T02:30:00Z","stats":{"peakViewers":500,"avgViewers":300,"comments":200,
				 "commentsAnswered":120,"orders":30,"viewerReports":0}}
				""");
		String ended = page("/lives/" + this.liveId + "/updates?seen=OPEN-3-2", seller);
		assertThat(ended).contains("data-version=\"ENDED-3-2\"").doesNotContain("hx-get", "hx-trigger");
		assertThat(page("/lives/" + this.liveId, seller)).doesNotContain("hx-trigger");
		assertThat(this.mvc.get()
			.uri("/lives/{id}/updates", this.liveId)
			.with(user(PageUsers.seller("lp-other-seller", "shop-lp-someone-else")))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void aSellerSeesItsOwnLivesAndTheirActionsInVietnameseButNeverAnotherSellers() {
		UserDetails seller = PageUsers.seller("lp-seller", this.sellerId);
		String other = "lp-other-" + UUID.randomUUID().toString().substring(0, 8);
		open(other, "shop-lp-other");

		String list = page("/seller/lives?lang=vi", seller);
		assertThat(list).contains("Livestream của " + this.sellerId, "Đang phát")
			.contains("href=\"/lives/" + this.liveId + "\"")
			.doesNotContain(other);
		String live = page("/lives/" + this.liveId + "?lang=vi", seller);
		assertThat(live).contains("Livestream " + this.liveId, "Nhắc nhở", "Diễn biến tín hiệu và biện pháp")
			.contains("href=\"/seller/lives\"")
			.doesNotContain("href=\"/lives\"");
		assertThat(live).as("the host's message in the market's language")
			.doesNotContain("Reminder: ")
			.contains("VULGAR_CONTENT");

		assertThat(this.mvc.get().uri("/lives/" + other).with(user(seller))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/lives/lp-never-opened").with(user(seller))).hasStatus(HttpStatus.NOT_FOUND);
		assertThat(this.mvc.get().uri("/lives/{id}", "x".repeat(129)).with(user(seller)))
			.hasStatus(HttpStatus.BAD_REQUEST);
		assertThat(this.mvc.get().uri("/lives").with(user(seller))).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(this.mvc.get().uri("/seller/lives").with(user(PageUsers.analyst("lp-analyst"))))
			.hasStatus(HttpStatus.FORBIDDEN);
		assertThat(page("/lives/" + other, PageUsers.admin("lp-admin"))).contains("shop-lp-other");
	}

	private void open(String liveId, String sellerId) {
		this.lives.check("""
				{"liveId":"%s","sellerId":"%s","market":"VN","startedAt":"%s",
				 "host":{"hostId":"kol-77","identityVerified":true},
				 "products":[{"sku":"p-1","category":"GENERAL","declaredOrigin":"VN","verifiedOrigin":"VN",
				   "listPrice":450000,"livePrice":399000}]}
				""".formatted(liveId, sellerId, START));
	}

	private String page(String uri, UserDetails user) {
		MvcTestResult result = this.mvc.get().uri(uri).with(user(user)).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/html");
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
