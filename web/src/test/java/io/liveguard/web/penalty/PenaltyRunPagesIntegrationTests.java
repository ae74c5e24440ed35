package io.liveguard.web.penalty;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.Notice;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The penalty runs page: starting a run, and following it with the fragment htmx polls.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
class PenaltyRunPagesIntegrationTests {

	private static final UserDetails ADMIN = PageUsers.admin("admin");

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
	void startsARunAndTheFragmentFollowsItToTheEnd() {
		// when
		MvcTestResult started = this.mvc.post()
			.uri("/admin/penalty-runs")
			.with(user(ADMIN))
			.with(csrf())
			.param("businessDate", "2026-11-23")
			.param("market", "vn")
			.exchange();

		// then
		assertThat(started).hasStatus(HttpStatus.FOUND).hasRedirectedUrl("/admin/penalty-runs");
		Notice notice = (Notice) started.getMvcResult().getFlashMap().get(Notice.ATTRIBUTE);
		assertThat(notice.key()).isEqualTo("run.started");
		long runId = ((Number) notice.args().get(0)).longValue();
		assertThat(this.jdbc
			.sql("select market || ' ' || business_date || ' ' || requested_by from penalty_run where id = ?")
			.param(runId)
			.query(String.class)
			.single()).isEqualTo("VN 2026-11-23 admin");

		// until it completes, the row asks htmx to fetch it again
		String row = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> page("/admin/penalty-runs/" + runId + "/row"), (html) -> {
				boolean completed = html.contains("data-status=\"COMPLETED\"");
				assertThat(completed || html.contains("hx-trigger=\"every 2s\"")).as(html).isTrue();
				return completed;
			});
		assertThat(row).startsWith("<tr id=\"run-" + runId + "\"")
			.contains("data-status=\"COMPLETED\"", ">Completed<", "4 / 4", "<progress max=\"1\" value=\"1.0\">")
			.doesNotContain("hx-get", "hx-trigger");
		assertThat(page("/admin/penalty-runs"))
			.contains("Penalty runs", "<table id=\"runs\">", "id=\"run-" + runId + "\"")
			.contains("htmx.min.js", "action=\"/admin/penalty-runs\"", "name=\"_csrf\"");
	}

	@Test
	void aRunStillGoingIsPolledEveryTwoSeconds() {
		long runId = requestedRun();

		assertThat(page("/admin/penalty-runs/" + runId + "/row")).contains(
				"hx-get=\"/admin/penalty-runs/" + runId + "/row\"", "hx-trigger=\"every 2s\"", "hx-swap=\"outerHTML\"",
				">Requested<");
		assertThat(page("/admin/penalty-runs/" + runId)).contains("Penalty run " + runId)
			.contains("hx-get=\"/admin/penalty-runs/" + runId + "/progress\"", "hx-trigger=\"every 2s\"");
		assertThat(page("/admin/penalty-runs")).contains("hx-get=\"/admin/penalty-runs/" + runId + "/row\"");
	}

	@Test
	void theSummaryShowsTheCountsOfAFinishedRun() {
		long runId = this.runs.recent(1).get(0).runId();

		assertThat(page("/admin/penalty-runs/" + runId + "/progress")).startsWith("<section id=\"run-progress\"")
			.doesNotContain("hx-trigger");
		assertThat(page("/admin/penalty-runs/" + runId)).contains("Penalty run " + runId, "Completed")
			.containsPattern("<td class=\"sellers\">4 / 4</td>")
			.containsPattern("<td class=\"penalties\">2</td>")
			.contains("22 Nov 2026", "test");
		assertThat(this.mvc.get().uri("/admin/penalty-runs/999999").with(user(ADMIN))).hasStatus(HttpStatus.NOT_FOUND);
	}

	@Test
	void aBadMarketIsANoticeAndStartsNothing() {
		long before = this.runs.recent(100).size();

		MvcTestResult started = this.mvc.post()
			.uri("/admin/penalty-runs")
			.with(user(ADMIN))
			.with(csrf())
			.param("businessDate", "2026-11-23")
			.param("market", "VNM")
			.exchange();

		assertThat(started).hasStatus(HttpStatus.FOUND);
		assertThat(((Notice) started.getMvcResult().getFlashMap().get(Notice.ATTRIBUTE)).key())
			.isEqualTo("run.error.market");
		assertThat(this.runs.recent(100)).hasSize((int) before);
	}

	@Test
	void onlyAdminsSeeIt() {
		assertThat(this.mvc.get().uri("/admin/penalty-runs").with(user(PageUsers.analyst("analyst"))))
			.hasStatus(HttpStatus.FORBIDDEN);
	}

	/** A run recorded but not started yet: REQUESTED. */
	private long requestedRun() {
		this.jdbc.sql("insert into penalty_run (business_date, market, requested_by, requested_at) values (?, ?, ?, ?)")
			.params(PageFixture.RUN_DATE.plusDays(5), "VN", "admin", OffsetDateTime.parse("2026-11-23T03:00:00Z"))
			.update();
		return this.runs.recent(1).get(0).runId();
	}

	private String page(String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).with(user(ADMIN)).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
