package io.liveguard.web.apikey;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes over one database, each with its own key cache: a rotation or revocation
 * stops the key at once on the node that made it, and on the other once its cached entry
 * is older than the ttl.
 */
class ApiKeysTests {

	private static final Duration TTL = Duration.ofSeconds(5);

	private final DataSource dataSource = migrated(
			new DriverManagerDataSource("jdbc:h2:mem:api-keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));

	private final TransactionTemplate transaction = new TransactionTemplate(
			new DataSourceTransactionManager(this.dataSource));

	private final AtomicLong nanos = new AtomicLong();

	private final ApiKeys node = node();

	private final ApiKeys otherNode = node();

	@Test
	void aRevokedKeyStopsAtOnceOnTheRevokingNodeAndWithinTheTtlOnTheOthers() {
		ApiKeys.Issued issued = this.node.create(new ApiKeys.NewKey("Shop VN ingest", null), "admin");
		assertThat(this.node.authenticate(issued.key())).isPresent();
		assertThat(this.otherNode.authenticate(issued.key())).isPresent();

		this.transaction.executeWithoutResult((status) -> {
			this.node.revoke(issued.apiKey().id(), "admin");
			assertThat(this.node.authenticate(issued.key())).as("before the revocation commits").isPresent();
		});

		assertThat(this.node.authenticate(issued.key())).as("on the revoking node").isEmpty();
		assertThat(this.otherNode.authenticate(issued.key())).as("elsewhere, within the ttl").isPresent();
		this.nanos.addAndGet(TTL.toNanos());
		assertThat(this.otherNode.authenticate(issued.key())).as("elsewhere, after the ttl").isEmpty();
	}

	@Test
	void aRotatedKeyStopsAtOnceOnTheRotatingNodeAndTheNewOneWorks() {
		ApiKeys.Issued issued = this.node.create(new ApiKeys.NewKey("Shop TH ingest", null), "admin");
		assertThat(this.node.authenticate(issued.key())).isPresent();

		ApiKeys.Issued rotated = this.transaction.execute((status) -> this.node.rotate(issued.apiKey().id(), "admin"));

		assertThat(this.node.authenticate(issued.key())).isEmpty();
		assertThat(this.node.authenticate(rotated.key())).isPresent();
	}

	@Test
	void aRollbackLeavesTheKeyWorking() {
		ApiKeys.Issued issued = this.node.create(new ApiKeys.NewKey("Shop PH ingest", null), "admin");
		assertThat(this.node.authenticate(issued.key())).isPresent();

		this.transaction.executeWithoutResult((status) -> {
			this.node.revoke(issued.apiKey().id(), "admin");
			status.setRollbackOnly();
		});

		assertThat(this.node.authenticate(issued.key())).isPresent();
	}

	private ApiKeys node() {
		return new ApiKeys(JdbcClient.create(this.dataSource), (event) -> {
		}, Clock.systemUTC(), new ApiKeyCache(new CaffeineCache(ApiKeys.CACHE,
				Caffeine.newBuilder().expireAfterWrite(TTL).ticker(this.nanos::get).build(), false)));
	}

	private static DataSource migrated(DataSource dataSource) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/h2")
			.load()
			.migrate();
		return dataSource;
	}

}
