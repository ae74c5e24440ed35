package io.liveguard.web.rulepack;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.page.PageFixture;
import io.liveguard.web.page.PageTestConfiguration;
import io.liveguard.web.user.PageUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The rule pack pages: an analyst starts a draft, saves a file that does not compile and
 * sees the error on its line with the edit kept, saves one that does, runs the test cases
 * and sees the diff; its author proposes it, which freezes it; an admin publishes the
 * content hash the page showed.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(PageTestConfiguration.class)
@DirtiesContext
class RulePackPagesIntegrationTests {

	private static final UserDetails ANALYST = PageUsers.analyst("lan");

	private static final UserDetails ADMIN = PageUsers.admin("admin");

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PenaltyRuns runs;

	@Autowired
	private EligibilityIndex eligibility;

	@Test
	void anAnalystEditsADraftWithErrorsPinnedAndAnAdminPublishesIt() {
		PageFixture.examplesAfterTheRun(this.mvc, this.jdbc, this.runs, this.eligibility);
		MockHttpSession session = new MockHttpSession();
		assertThat(page(session, ANALYST, "/analyst/rule-packs")).contains("v1", "PUBLISHED", "New draft from it",
				"Rules in the last 30 days", "data-code=\"MISSING_AD_CONFIRMATION\"",
				"data-code=\"PROHIBITED_PRODUCT\"");

		MvcTestResult created = post(session, ANALYST, "/analyst/rule-packs/default/drafts", "basedOn", "1");
		String editorUrl = created.getResponse().getRedirectedUrl();
		assertThat(editorUrl).matches("/analyst/rule-packs/default/versions/\\d+");
		String version = editorUrl.substring(editorUrl.lastIndexOf('/') + 1);
		String editor = page(session, ANALYST, editorUrl + "?file=rules/conduct.drl");
		assertThat(editor)
			.contains("Draft v" + version + " created from v1.",
					"OFF_PLATFORM_REDIRECT: luring buyers off the platform flagged", "/lib/codemirror.js",
					"/js/drl-mode.js", "data-mode=\"drl\"", "Save and compile")
			.doesNotContain("readonly");
		assertThat(this.mvc.get().uri("/webjars/codemirror/lib/codemirror.js").with(user(ANALYST)).exchange())
			.hasStatusOk();
		assertThat(this.mvc.get().uri("/js/drl-mode.js").with(user(ANALYST)).exchange()).hasStatusOk()
			.bodyText()
			.contains("defineSimpleMode(\"drl\"");
		String conduct = this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = 1 "
					+ "and path = 'rules/conduct.drl'")
			.query(String.class)
			.single();

		// a broken line: not saved, the error pinned to its line, the edit kept
		String broken = conduct.replaceFirst("then", "then\n    this is not java;");
		// the sandbox parses the consequence as Java and pins the error to the line it is
		// on
		int brokenLine = (int) broken.substring(0, broken.indexOf("this is not java"))
			.chars()
			.filter((c) -> c == '\n')
			.count() + 1;
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/files", "path",
				"rules/conduct.drl", "content", broken);
		String refused = page(session, ANALYST, editorUrl + "?file=rules/conduct.drl");
		assertThat(refused).contains("was not saved", "rules/conduct.drl:", "this is not java", "data-error-lines=\"");
		assertThat(refused).containsPattern("data-error-lines=\"[^\"]*\\b" + brokenLine + "\\b");
		assertThat(this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = " + version
					+ " and path = 'rules/conduct.drl'")
			.query(String.class)
			.single()).isEqualTo(conduct);

		// a keyword added: saved, shown as a change against the active version
		String keywords = this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = 1 "
					+ "and path = 'keywords/off-platform.txt'")
			.query(String.class)
			.single();
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/files", "path",
				"keywords/off-platform.txt", "content", keywords + "signal\n");
		String saved = page(session, ANALYST, editorUrl + "?file=keywords/off-platform.txt");
		assertThat(saved).contains("keywords/off-platform.txt saved; the draft compiles.", "+signal");

		// the keyword list and the findings table edited as tables
		String list = page(session, ANALYST, editorUrl + "?file=keywords/cure-claims.txt");
		assertThat(list).contains("id=\"keywords-form\"");
		String cureClaims = this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = " + version
					+ " and path = 'keywords/cure-claims.txt'")
			.query(String.class)
			.single();
		List<String> phrases = PackTables.keywords(cureClaims);
		List<String> form = new ArrayList<>(
				List.of("path", "keywords/cure-claims.txt", "remove", "0", "add", "trị dứt điểm\nkhỏi hẳn"));
		phrases.forEach((phrase) -> form.addAll(List.of("phrase", phrase)));
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/keywords",
				form.toArray(String[]::new));
		String savedList = this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = " + version
					+ " and path = 'keywords/cure-claims.txt'")
			.query(String.class)
			.single();
		assertThat(PackTables.keywords(savedList)).doesNotContain(phrases.get(0))
			.contains("trị dứt điểm", "khỏi hẳn")
			.containsAll(phrases.subList(1, phrases.size()));
		assertThat(PackTables.keywordComments(savedList)).isEqualTo(PackTables.keywordComments(cureClaims));

		assertThat(page(session, ANALYST, editorUrl + "?file=findings.csv")).contains("id=\"findings-table\"");
		String findings = this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = " + version
					+ " and path = 'findings.csv'")
			.query(String.class)
			.single();
		List<List<String>> rows = PackTables.rows(findings);
		List<String> cells = new ArrayList<>();
		for (List<String> row : rows.subList(1, rows.size())) {
			for (int c = 0; c < row.size(); c++) {
				String value = (row.get(0).equals("OFF_PLATFORM_REDIRECT") && c == 3) ? "4" : row.get(c);
				cells.addAll(List.of("c" + c, value));
			}
		}
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/findings",
				cells.toArray(String[]::new));
		assertThat(page(session, ANALYST, editorUrl + "?file=findings.csv")).contains("findings.csv saved");
		List<List<String>> savedRows = PackTables.rows(this.jdbc
			.sql("select content from rule_pack_file where " + "pack_id = 'default' and version = " + version
					+ " and path = 'findings.csv'")
			.query(String.class)
			.single());
		assertThat(savedRows).hasSameSizeAs(rows);
		assertThat(savedRows).filteredOn((row) -> row.get(0).equals("OFF_PLATFORM_REDIRECT"))
			.singleElement()
			.satisfies((row) -> assertThat(row.get(3)).isEqualTo("4"));
		assertThat(savedRows).filteredOn((row) -> row.get(0).equals("LOW_INTERACTION"))
			.singleElement()
			.satisfies((row) -> assertThat(row.get(6)).contains(", under 20%"));

		// the pack's own test cases: the counterfeit example now earns 25 points, not 24
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/test");
		long cases = this.jdbc
			.sql("select count(*) from rule_pack_file where pack_id = 'default' and version = " + version
					+ " and path like 'tests/%'")
			.query(Long.class)
			.single();
		assertThat(page(session, ANALYST, editorUrl)).contains((cases - 1) + " passed, 1 failed",
				"violation points 25, expected 24");
		// which must pass before the version is published: the analyst expects 25 now
		String counterfeit = this.jdbc
			.sql("select content from rule_pack_file where pack_id = 'default' and version = " + version
					+ " and path = 'tests/counterfeit.json'")
			.query(String.class)
			.single();
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/files", "path",
				"tests/counterfeit.json", "content",
				counterfeit.replace("\"violationPoints\": 24", "\"violationPoints\": 25"));

		// a back-test from the editor: its page follows it and draws the chart when
		// complete
		MvcTestResult backtest = post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/backtest",
				"from", "2026-11-01", "to", "2026-11-22");
		String backtestUrl = backtest.getResponse().getRedirectedUrl();
		assertThat(backtestUrl).matches("/analyst/backtests/\\d+");
		// until it completes, the page refreshes itself
		String report = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> page(session, ANALYST, backtestUrl), (html) -> {
				boolean completed = html.contains("data-status=\"COMPLETED\"");
				assertThat(completed || html.contains("http-equiv=\"refresh\"")).as(html).isTrue();
				return completed;
			});
		assertThat(report)
			.contains("data-status=\"COMPLETED\"", "id=\"backtest-chart\"", "chart.umd.min.js",
					"sessions score differently")
			.doesNotContain("http-equiv=\"refresh\"");

		// its author proposes it, which freezes it
		String hash = hashOnThePage(page(session, ANALYST, editorUrl));
		assertThat(page(session, ADMIN, "/admin/rule-packs")).contains("Not proposed yet");
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/propose");
		assertThat(page(session, ANALYST, editorUrl)).contains("is proposed for publishing and frozen", hash)
			.doesNotContain("id=\"propose-form\"");
		post(session, ANALYST, "/analyst/rule-packs/default/versions/" + version + "/files", "path",
				"keywords/off-platform.txt", "content", "zalo\n");
		// the notice goes to the page the save redirects to, the file's
		assertThat(page(session, ANALYST, editorUrl + "?file=keywords/off-platform.txt"))
			.contains("Not done: version: default v" + version + " is proposed for publishing and frozen");

		// a publish from a page showing other content is refused; from the page showing
		// this content it works
		String admin = page(session, ADMIN, "/admin/rule-packs");
		assertThat(admin).contains("Publish", "Reject back to draft", "value=\"" + hash + "\"");
		post(session, ADMIN, "/admin/rule-packs/default/versions/" + version + "/publish", "contentHash",
				"sha256:" + "0".repeat(64));
		assertThat(page(session, ADMIN, "/admin/rule-packs")).contains("not the content you reviewed");
		assertThat(this.jdbc.sql("select active_version from rule_pack where pack_id = 'default'")
			.query(Integer.class)
			.single()).isNotEqualTo(Integer.parseInt(version));
		post(session, ADMIN, "/admin/rule-packs/default/versions/" + version + "/publish", "contentHash", hash);
		assertThat(page(session, ADMIN, "/admin/rule-packs"))
			.contains("Pack default version " + version + " is active.");
		assertThat(this.jdbc.sql("select active_version from rule_pack where pack_id = 'default'")
			.query(Integer.class)
			.single()).isEqualTo(Integer.parseInt(version));
		assertThat(page(session, ANALYST, editorUrl)).contains("A published version never changes", "readonly");
	}

	/** The content hash the editor shows. */
	private static String hashOnThePage(String page) {
		java.util.regex.Matcher hash = java.util.regex.Pattern.compile("sha256:[0-9a-f]{64}").matcher(page);
		assertThat(hash.find()).as("the page shows the content hash").isTrue();
		return hash.group();
	}

	private MvcTestResult post(MockHttpSession session, UserDetails who, String uri, String... params) {
		var request = this.mvc.post().uri(uri).session(session).with(user(who)).with(csrf());
		for (int i = 0; i < params.length; i += 2) {
			request = request.param(params[i], params[i + 1]);
		}
		MvcTestResult result = request.exchange();
		assertThat(result).hasStatus3xxRedirection();
		return result;
	}

	private String page(MockHttpSession session, UserDetails who, String uri) {
		MvcTestResult result = this.mvc.get().uri(uri).session(session).with(user(who)).exchange();
		assertThat(result).hasStatusOk();
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

}
