package io.liveguard.web.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.PenaltyRuns;
import io.liveguard.web.user.PageUsers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Test fixture: the example sessions of {@code docs/examples} sent over the API, and the
 * penalty run for 2026-11-22 over them (as the examples README tells: shop-miracle 12
 * points and a 30-day ban, shop-lazy 4 points and a near-threshold warning, shop-fake a
 * permanent suspension, shop-honest clean).
 */
public final class PageFixture {

	public static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	private static final List<String> TABLES = List.of("quarantine", "penalty_run_seller", "appeal", "seller_warning",
			"penalty_reason", "penalty", "seller_state", "penalty_run", "listed_price", "finding", "score_card",
			"session_record", "live_session");

	private PageFixture() {
	}

	/**
	 * Empties every table but the users, then stores the examples and runs the penalty
	 * run for {@link #RUN_DATE}.
	 */
	public static void examplesAfterTheRun(MockMvcTester mvc, JdbcClient jdbc, PenaltyRuns runs,
			EligibilityIndex eligibility) {
		empty(jdbc);
		eligibility.reload();
		for (String example : List.of("clean-session.json", "health-claim-no-confirmation.json",
				"low-quality-static.json", "counterfeit.json")) {
			assertThat(mvc.post()
				.uri("/api/v1/sessions")
				.with(user(PageUsers.admin("admin")))
				.contentType(MediaType.APPLICATION_JSON)
				.content(example(example))).hasStatus(HttpStatus.CREATED);
		}
		assertThat(runs.runAndWait(RUN_DATE, "VN", "test").status()).isEqualTo("COMPLETED");
	}

	public static void empty(JdbcClient jdbc) {
		for (String table : TABLES) {
			jdbc.sql("delete from " + table).update();
		}
	}

	private static String example(String name) {
		try (InputStream in = PageFixture.class.getResourceAsStream("/examples/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
