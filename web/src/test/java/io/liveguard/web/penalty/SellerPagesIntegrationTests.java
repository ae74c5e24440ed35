package io.liveguard.web.penalty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.PageFixture;
import io.liveguard.web.page.PageTestConfiguration;
import io.liveguard.web.user.PageUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The seller's own page over the example sessions after the penalty run of 2026-11-22.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class SellerPagesIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PenaltyRuns runs;

	@Autowired
	private EligibilityIndex eligibility;

	@BeforeEach
	void examplesAfterTheRun() {
		PageFixture.examplesAfterTheRun(this.mvc, this.jdbc, this.runs, this.eligibility);
	}

	@Test
	void showsPointsTheirExpiryTheBanTheNextThresholdAndTheEvidence() {
		String page = sellerPage("miracle", "shop-miracle", "");

		assertThat(page).contains("Standing of shop-miracle")
			.containsPattern("id=\"active-points\"[^>]*>\\s*<h3>Active points</h3>\\s*<div class=\"big\">12</div>")
			// the two 6-point findings, earned on the 21st (Ho Chi Minh City), counting
			// until the quarter ends
			.contains("Missing advertising confirmation", "Misleading health claim", "21 Nov 2026", "31 Dec 2026")
			.contains("30-day live ban until 23 Dec 2026, 00:00")
			.contains("permanent suspension at 15 points", "3 points to go")
			// the evidence of the misleading claim, with its signal type and time in the
			// market's zone
			.contains("CHUA KHOI tieu duong", "TRANSCRIPT", "21 Nov 2026, 03:06")
			.contains("kera-candy (FUNCTIONAL_FOOD)")
			// one appeal form per violation, none for the quality finding
			.contains("action=\"/seller/appeals\"", "name=\"code\" value=\"MISLEADING_HEALTH_CLAIM\"",
					"name=\"code\" value=\"MISSING_AD_CONFIRMATION\"")
			.doesNotContain("name=\"code\" value=\"LOW_INTERACTION\"")
			.contains("You may appeal until 21 Dec 2026")
			// the penalty history and the score chart's data
			.contains("<table id=\"penalties\">", "Active")
			.contains("chart.umd.min.js", "standing-chart.js", "&quot;scores&quot;:[90]");
	}

	@Test
	void aWarnedSellerIsToldWhatToFix() {
		String page = sellerPage("lazy", "shop-lazy", "");

		assertThat(page).contains("data-code=\"NEAR_THRESHOLD\"")
			.contains("Close to a penalty: 2 more points bring a 3-day live ban")
			.contains("Avoid them in your next streams")
			.contains("No live host", "Allowed: no ban in force", "No penalties, ever.");
	}

	@Test
	void aSellerSeesOnlyItsOwnDataWhateverTheRequestSays() {
		String page = sellerPage("lazy", "shop-lazy", "?sellerId=shop-miracle");

		assertThat(page).contains("Standing of shop-lazy", "ex-static-001")
			.doesNotContain("shop-miracle", "ex-claim-001", "kera-candy");
	}

	@Test
	void aSellerWithoutSessionsGetsAFriendlyPage() {
		String page = sellerPage("newcomer", "shop-new", "");

		assertThat(page).contains("No sessions yet", "LiveGuard has not received any livestream session of shop-new");
	}

	@Test
	void noAppealButtonOnceTheWindowHasClosed() {
		// the session started 40 days ago: still in the 90-day list, past the 30-day
		// appeal window
		this.jdbc.sql("update live_session set started_at = ? where session_id = 'ex-claim-001'")
			.param(OffsetDateTime.parse("2026-10-14T03:00:00Z"))
			.update();

		String page = sellerPage("miracle", "shop-miracle", "");

		assertThat(page).contains("CHUA KHOI tieu duong", "The appeal window closed on 13 Nov 2026")
			.doesNotContain("action=\"/seller/appeals\"");
	}

	@Test
	void aBusySellerGetsFiftySessionsAPageNewestFirst() throws IOException {
		String clean;
		try (var in = getClass().getResourceAsStream("/examples/clean-session.json")) {
			clean = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		for (int day = 0; day < 55; day++) {
			String session = clean.replace("ex-clean-001", "busy-" + day)
				.replace("shop-honest", "shop-busy")
				.replace("2026-11-20T", LocalDate.of(2026, 11, 20).minusDays(day) + "T");
			assertThat(this.mvc.post()
				.uri("/api/v1/sessions")
				.with(user(PageUsers.admin("admin")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(session)).hasStatus(HttpStatus.CREATED);
		}

		String first = sellerPage("busy", "shop-busy", "");
		String second = sellerPage("busy", "shop-busy", "?page=1");

		assertThat(first.split("<article class=\"session\"", -1)).hasSize(51);
		assertThat(first.indexOf("id=\"session-busy-0\"")).isPositive()
			.isLessThan(first.indexOf("id=\"session-busy-1\""));
		assertThat(first).contains("href=\"/seller?page=1\"", "Page 1").doesNotContain("session-busy-50");
		assertThat(second.split("<article class=\"session\"", -1)).hasSize(6);
		assertThat(second).contains("session-busy-50", "session-busy-54", "href=\"/seller?page=0\"", "Page 2")
			.doesNotContain("href=\"/seller?page=2\"");
		// the chart has every session of the 90 days
		assertThat(first).containsPattern("scores&quot;:\\[(100,){54}100\\]");
	}

	@Test
	void otherRolesHaveNoSellerPage() {
		assertThat(this.mvc.get().uri("/seller").with(user(PageUsers.analyst("analyst"))))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	@Test
	void rendersInVietnamese() {
		String page = sellerPage("miracle", "shop-miracle", "?lang=vi");

		assertThat(page).contains("lang=\"vi\"", "Tình trạng của shop-miracle", "Điểm vi phạm hiện hành")
			.contains("cấm livestream 30 ngày đến 00:00 23/12/2026")
			.contains("đình chỉ vĩnh viễn khi đạt 15 điểm", "còn 3 điểm")
			.contains("31/12/2026", "Quảng cáo sai sự thật về công dụng chữa bệnh", "Khiếu nại");
	}

	private String sellerPage(String username, String sellerId, String query) {
		var result = this.mvc.get().uri("/seller" + query).with(user(PageUsers.seller(username, sellerId))).exchange();
		assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/html");
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
