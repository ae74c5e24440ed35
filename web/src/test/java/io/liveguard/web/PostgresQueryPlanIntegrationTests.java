package io.liveguard.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.liveguard.batch.penalty.EligibilityIndex;
import io.liveguard.batch.penalty.Penalties;
import io.liveguard.batch.penalty.SellerStandings;
import io.liveguard.batch.session.SessionStore;
import io.liveguard.engine.ScoringEngine.HistoryWindow;
import io.liveguard.web.StatementCapture.Captured;
import io.liveguard.batch.appeal.AppealRecords;
import io.liveguard.web.session.SellerSessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query plans PostgreSQL chooses for the per-seller reads (standing, penalties,
 * eligibility refresh, the seller's page, the price history every stored session reads)
 * and the eligibility index load, over some tens of thousands of rows: per-seller reads
 * reach every table through an index, never a sequential scan. The statements are the
 * ones the production code executes, captured with their bound values as it runs
 * ({@link StatementCapture}), so the test follows the code. Runs with {@code -Ppostgres},
 * in a database of its own.
 */
@EnabledIfSystemProperty(named = "liveguard.test.postgres", matches = "jdbc:postgresql:.*")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresQueryPlanIntegrationTests {

	/** Has a standing penalty, sessions of the last 90 days, findings, warnings. */
	private static final String SELLER = "seller-000017";

	private final String server = System.getProperty("liveguard.test.postgres", "");

	private final String user = System.getProperty("liveguard.test.postgres.user", "postgres");

	private final String database = "liveguard_plan_it_" + UUID.randomUUID().toString().replace("-", "");

	private final JsonMapper json = JsonMapper.builder().build();

	private ConfigurableApplicationContext app;

	@BeforeAll
	void startOnSeededDatabase() throws SQLException, IOException {
		executeOnServer("create database " + this.database);
		// Flyway migrates the new database as the application starts
		this.app = new SpringApplicationBuilder(LiveGuardApplication.class)
			.initializers((context) -> context.getBeanFactory().addBeanPostProcessor(new StatementCapture()))
			.run("--spring.datasource.url=" + this.server + this.database, "--spring.datasource.username=" + this.user,
					"--spring.datasource.password=", "--server.port=0",
					"--liveguard.bootstrap.admin-password=query-plan-test-admin-password");
		try (InputStream in = getClass().getResourceAsStream("/query-plans/seed.sql");
				Connection connection = connect();
				Statement statement = connection.createStatement()) {
			statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			statement.execute("analyze");
		}
	}

	@AfterAll
	void dropDatabase() throws SQLException {
		if (this.app != null) {
			this.app.close();
		}
		executeOnServer("drop database if exists " + this.database);
	}

	@Test
	void sellerStandingReadsEveryTableThroughAnIndex() throws SQLException {
		SellerStandings standings = this.app.getBean(SellerStandings.class);

		List<Plan> plans = explain(StatementCapture.during(() -> assertThat(standings.of(SELLER)).isPresent()));

		assertNoSequentialScan(plans);
		assertThat(indexesOf(plans)).contains("live_session_seller_started", "finding_seller_date", "appeal_seller",
				"penalty_seller", "seller_warning_pkey");
	}

	@Test
	void sellerPenaltiesAndEligibilityRefreshReadThePenaltiesOfOneSellerThroughItsIndex() throws SQLException {
		SellerStandings standings = this.app.getBean(SellerStandings.class);
		Penalties penalties = this.app.getBean(Penalties.class);
		EligibilityIndex eligibility = this.app.getBean(EligibilityIndex.class);

		List<Plan> plans = explain(StatementCapture.during(() -> {
			assertThat(standings.exists(SELLER)).isTrue();
			assertThat(penalties.forSeller(SELLER)).hasSize(3);
			eligibility.refresh(List.of(SELLER));
		}));

		assertThat(plans).hasSize(3);
		assertNoSequentialScan(plans);
		assertThat(plans.get(0).indexes()).containsExactly("live_session_seller_started");
		assertThat(plans.get(1).indexes()).contains("penalty_seller");
		assertThat(plans.get(2).indexes()).contains("penalty_seller");
	}

	@Test
	void eligibilityIndexLoadFindsTheStandingPenaltiesThroughTheirIndex() throws SQLException {
		EligibilityIndex eligibility = this.app.getBean(EligibilityIndex.class);

		List<Plan> plans = explain(StatementCapture.during(eligibility::reload));

		assertThat(eligibility.blocking(SELLER, Instant.now())).isPresent();
		assertThat(plans).hasSize(1);
		// the load reads every standing penalty (a few percent of them) with its reasons;
		// the penalties are
		// found through penalty_standing, the reasons may be hashed in one pass
		assertThat(plans.get(0).sequentialScans()).doesNotContain("penalty");
		assertThat(plans.get(0).indexes()).contains("penalty_standing");
	}

	@Test
	void sellerPageReadsSessionsCardsAndAppealsThroughIndexes() throws SQLException {
		SellerSessions sessions = this.app.getBean(SellerSessions.class);
		AppealRecords appeals = this.app.getBean(AppealRecords.class);
		Instant since = Instant.now().minus(Duration.ofDays(90));

		List<Plan> plans = explain(StatementCapture.during(() -> {
			SellerSessions.Page page = sessions.page(SELLER, since, 0, 50);
			assertThat(page.sessions()).isNotEmpty();
			assertThat(sessions.scores(SELLER, since, 500)).isNotEmpty();
			assertThat(sessions.scoreCard(page.sessions().get(0).sessionId())).isPresent();
			appeals.statuses(SELLER);
		}));

		assertThat(plans).hasSize(4);
		assertNoSequentialScan(plans);
		assertThat(plans.get(0).indexes()).contains("live_session_seller_started", "score_card_session");
		assertThat(plans.get(1).indexes()).containsExactly("live_session_seller_started");
		assertThat(plans.get(2).indexes()).containsExactly("score_card_session");
		assertThat(plans.get(3).indexes()).containsExactly("appeal_seller");
	}

	@Test
	void sellerPriceHistoryIsReadFromItsCoveringIndex() throws SQLException {
		SessionStore sessions = this.app.getBean(SessionStore.class);
		Instant now = Instant.now();

		List<Plan> plans = explain(StatementCapture.during(() -> assertThat(
				sessions.history(SELLER, new HistoryWindow(now.minus(Duration.ofDays(30)), now)).priorSales())
			.isNotEmpty()));

		assertThat(plans).hasSize(1);
		assertNoSequentialScan(plans);
		assertThat(plans.get(0).indexes()).containsExactly("listed_price_history");
	}

	private static void assertNoSequentialScan(List<Plan> plans) {
		for (Plan plan : plans) {
			assertThat(plan.sequentialScans()).as("sequential scans in the plan of%n%s%n%s", plan.sql(), plan.text())
				.isEmpty();
		}
	}

	private static Set<String> indexesOf(List<Plan> plans) {
		return plans.stream().flatMap((plan) -> plan.indexes().stream()).collect(Collectors.toCollection(TreeSet::new));
	}

	/** EXPLAIN of each captured statement, with the values it was executed with. */
	private List<Plan> explain(List<Captured> statements) throws SQLException {
		List<Plan> plans = new ArrayList<>();
		try (Connection connection = connect()) {
			for (Captured statement : statements) {
				try (PreparedStatement explain = statement.prepare(connection, "explain (format json) ");
						ResultSet rs = explain.executeQuery()) {
					rs.next();
					String text = rs.getString(1);
					Plan plan = new Plan(statement.sql(), text, new TreeSet<>(), new TreeSet<>());
					visit(this.json.readTree(text).get(0).get("Plan"), plan);
					plans.add(plan);
					System.out.printf("plan: %s%n  indexes %s, sequential scans %s%n",
							statement.sql().strip().replaceAll("\\s+", " "), plan.indexes(), plan.sequentialScans());
				}
			}
		}
		return plans;
	}

	private static void visit(JsonNode node, Plan plan) {
		String type = node.get("Node Type").asString();
		if (type.equals("Seq Scan")) {
			plan.sequentialScans().add(node.get("Relation Name").asString());
		}
		if (node.has("Index Name")) {
			plan.indexes().add(node.get("Index Name").asString());
		}
		if (node.has("Plans")) {
			node.get("Plans").forEach((child) -> visit(child, plan));
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection(this.server + this.database, this.user, "");
	}

	private void executeOnServer(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.server + "postgres", this.user, "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * @param sql the statement as the application executes it
	 * @param text its plan as PostgreSQL gives it, for failure messages
	 * @param sequentialScans the tables it reads whole
	 * @param indexes the indexes it uses
	 */
	record Plan(String sql, String text, Set<String> sequentialScans, Set<String> indexes) {
	}

}
