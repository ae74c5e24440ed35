package io.liveguard.web.appeal;

import java.nio.charset.StandardCharsets;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.PageFixture;
import io.liveguard.web.page.PageTestConfiguration;
import io.liveguard.web.user.PageUsers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.servlet.FlashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Appeals through the pages: a seller files from its page, an analyst decides from the
 * queue.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class AppealPagesIntegrationTests {

	private static final UserDetails MIRACLE = PageUsers.seller("miracle", "shop-miracle");

	private static final UserDetails ANALYST = PageUsers.analyst("analyst");

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
	void aSellerFilesAnAppealFromItsPage() {
		// when
		MvcTestResult filed = fileAppeal(MIRACLE, "ex-claim-001", "MISLEADING_HEALTH_CLAIM", "the claim was a quote");

		// then
		assertThat(filed).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/seller");
		assertThat(this.jdbc
			.sql("select status || ' ' || filed_by || ' ' || reason from appeal "
					+ "where session_id = 'ex-claim-001' and code = 'MISLEADING_HEALTH_CLAIM'")
			.query(String.class)
			.list()).containsExactly("OPEN miracle the claim was a quote");
		assertThat(page("/seller", MIRACLE, flash(filed)))
			.contains("Your appeal against MISLEADING_HEALTH_CLAIM of session ex-claim-001 has been filed")
			.contains("Appeal: Open, waiting for an analyst")
			.doesNotContain("name=\"code\" value=\"MISLEADING_HEALTH_CLAIM\"")
			.contains("name=\"code\" value=\"MISSING_AD_CONFIRMATION\"");
	}

	@Test
	void withoutTheCsrfTokenNothingIsFiled() {
		assertThat(this.mvc.post()
			.uri("/seller/appeals")
			.with(user(MIRACLE))
			.param("sessionId", "ex-claim-001")
			.param("code", "MISLEADING_HEALTH_CLAIM")
			.param("reason", "no token")).hasStatus(HttpStatus.FORBIDDEN);
		assertThat(appeals()).isZero();
	}

	@Test
	void whatTheRulesRefuseComesBackAsANotice() {
		fileAppeal(MIRACLE, "ex-claim-001", "MISLEADING_HEALTH_CLAIM", "first");

		MvcTestResult again = fileAppeal(MIRACLE, "ex-claim-001", "MISLEADING_HEALTH_CLAIM", "second");
		MvcTestResult blank = fileAppeal(MIRACLE, "ex-claim-001", "MISSING_AD_CONFIRMATION", "  ");
		MvcTestResult quality = fileAppeal(MIRACLE, "ex-claim-001", "LOW_INTERACTION", "not a violation");

		assertThat(again).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/seller");
		assertThat(page("/seller", MIRACLE, flash(again))).contains("class=\"notice error\"")
			.contains("Finding MISLEADING_HEALTH_CLAIM of session ex-claim-001 has already been appealed.")
			.doesNotContain("Exception");
		assertThat(page("/seller", MIRACLE, flash(blank)))
			.contains("Please write why finding MISSING_AD_CONFIRMATION is wrong before you appeal.");
		assertThat(page("/seller", MIRACLE, flash(quality)))
			.contains("Finding LOW_INTERACTION of session ex-claim-001 cannot be appealed");
		assertThat(appeals()).isOne();
	}

	@Test
	void aSellerCannotAppealAnotherSellersFinding() {
		UserDetails lazy = PageUsers.seller("lazy", "shop-lazy");

		MvcTestResult filed = fileAppeal(lazy, "ex-claim-001", "MISLEADING_HEALTH_CLAIM", "not mine");

		assertThat(filed).hasStatus(HttpStatus.FOUND);
		assertThat(appeals()).isZero();
		assertThat(page("/seller", lazy, flash(filed))).contains("cannot be appealed: sessionId: no session")
			.doesNotContain("kera-candy");
	}

	@Test
	void anAnalystOverturnsFromTheQueueAndTheSellerSeesItAtOnce() {
		// given: the seller appeals, and the analyst sees it in the queue with the
		// finding's evidence
		fileAppeal(MIRACLE, "ex-claim-001", "MISLEADING_HEALTH_CLAIM", "the claim was a customer quote");
		String appealId = this.jdbc.sql("select appeal_id from appeal").query(String.class).single();
		assertThat(page("/analyst/appeals", ANALYST, null)).contains("Open appeals, oldest first (1)")
			.contains("shop-miracle", "ex-claim-001", "MISLEADING_HEALTH_CLAIM", "the claim was a customer quote")
			.contains("CHUA KHOI tieu duong", "TRANSCRIPT", "6 points")
			.contains("action=\"/analyst/appeals/" + appealId + "/decision\"", "name=\"liftNow\"")
			.contains("No decisions yet.");

		// when: the analyst overturns it and lifts what it no longer supports
		MvcTestResult decided = this.mvc.post()
			.uri("/analyst/appeals/{id}/decision", appealId)
			.with(user(ANALYST))
			.with(csrf())
			.param("outcome", "OVERTURNED")
			.param("note", "the words of a customer, not of the seller")
			.param("liftNow", "true")
			.exchange();

		// then
		assertThat(decided).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/analyst/appeals");
		assertThat(page("/analyst/appeals", ANALYST, flash(decided)))
			.contains("Overturned: finding MISLEADING_HEALTH_CLAIM of session ex-claim-001 no longer counts; "
					+ "penalties lifted now: 1.")
			.contains("Open appeals, oldest first (0)", "No open appeals")
			.contains("<table id=\"decided\">", "the words of a customer, not of the seller");
		assertThat(page("/seller", MIRACLE, null))
			.containsPattern("id=\"active-points\"[^>]*>\\s*<h3>Active points</h3>\\s*<div class=\"big\">6</div>")
			.containsPattern("data-code=\"MISLEADING_HEALTH_CLAIM\">(?s:.){0,600}?status-OVERTURNED\">Overturned<")
			.contains("Appeal: Overturned")
			.contains("Allowed: no ban in force")
			.contains("status-LIFTED\">Lifted<");
	}

	@Test
	void anAnalystUpholdsOnceAndOnlyOnce() {
		fileAppeal(MIRACLE, "ex-claim-001", "MISSING_AD_CONFIRMATION", "we had it");
		String appealId = this.jdbc.sql("select appeal_id from appeal").query(String.class).single();

		MvcTestResult upheld = decide(appealId, "UPHELD");
		MvcTestResult twice = decide(appealId, "OVERTURNED");

		assertThat(page("/analyst/appeals", ANALYST, flash(upheld)))
			.contains("Upheld: finding MISSING_AD_CONFIRMATION of session ex-claim-001 keeps counting.");
		assertThat(page("/seller", MIRACLE, null)).contains("Appeal: Upheld").contains("<div class=\"big\">12</div>");
		assertThat(page("/analyst/appeals", ANALYST, flash(twice))).contains("could not be decided",
				"was already decided (UPHELD)");
	}

	private MvcTestResult fileAppeal(UserDetails seller, String sessionId, String code, String reason) {
		return this.mvc.post()
			.uri("/seller/appeals")
			.with(user(seller))
			.with(csrf())
			.param("sessionId", sessionId)
			.param("code", code)
			.param("reason", reason)
			.exchange();
	}

	private MvcTestResult decide(String appealId, String outcome) {
		return this.mvc.post()
			.uri("/analyst/appeals/{id}/decision", appealId)
			.with(user(ANALYST))
			.with(csrf())
			.param("outcome", outcome)
			.exchange();
	}

	private static FlashMap flash(MvcTestResult result) {
		return result.getMvcResult().getFlashMap();
	}

	private String page(String uri, UserDetails user, @Nullable FlashMap flash) {
		var request = this.mvc.get().uri(uri).with(user(user));
		if (flash != null) {
			request.flashAttrs(flash);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	private int appeals() {
		return this.jdbc.sql("select count(*) from appeal").query(Integer.class).single();
	}

}
