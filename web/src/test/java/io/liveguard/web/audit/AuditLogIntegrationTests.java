package io.liveguard.web.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log keeps repeated identical failures as one row with a count, and forgets
 * events older than the retention.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditLogIntegrationTests {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private JdbcAuditEventRepository events;

	@Autowired
	private AuditRetention retention;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void identicalFailuresAreOneRowWithACount() {
		// given the same bad key sent 25 times from one address, and once from another
		for (int i = 0; i < 25; i++) {
			assertThat(this.mvc.get()
				.uri("/api/v1/appeals")
				.header("Authorization", "Bearer lg_repeated-key")
				.with((request) -> {
					request.setRemoteAddr("198.51.100.20");
					return request;
				})).hasStatus(401);
		}
		assertThat(this.mvc.get()
			.uri("/api/v1/appeals")
			.header("Authorization", "Bearer lg_repeated-key")
			.with((request) -> {
				request.setRemoteAddr("198.51.100.21");
				return request;
			})).hasStatus(401);
		// then one row per address, carrying the count
		List<JdbcAuditEventRepository.Entry> rows = this.events.search(new JdbcAuditEventRepository.Query(
				"api-key:lg_repeate", SecurityAuditing.AUTHENTICATION_FAILURE, null, null, 100));
		assertThat(rows).hasSize(2);
		assertThat(rows).extracting((row) -> row.data().get("remoteAddress"), (row) -> row.data().get("count"))
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("198.51.100.20", 25),
					org.assertj.core.groups.Tuple.tuple("198.51.100.21", 1));
		assertThat(rows).allSatisfy(
				(row) -> assertThat(row.data()).containsKey("lastAt").containsEntry("type", "BadCredentialsException"));
	}

	@Test
	void aFailureAfterTheWindowStartsANewRow() {
		Instant first = Instant.parse("2026-01-10T10:00:00Z");
		Map<String, Object> data = Map.of("remoteAddress", "198.51.100.30", "type", "BadCredentialsException");
		this.events.add(new AuditEvent(first, "window-test", SecurityAuditing.AUTHENTICATION_FAILURE, data));
		this.events
			.add(new AuditEvent(first.plusSeconds(59), "window-test", SecurityAuditing.AUTHENTICATION_FAILURE, data));
		this.events
			.add(new AuditEvent(first.plusSeconds(61), "window-test", SecurityAuditing.AUTHENTICATION_FAILURE, data));
		// decisions are never counted together
		this.events.add(new AuditEvent(first, "window-test", "USER_DISABLED", Map.of("username", "x")));
		this.events.add(new AuditEvent(first, "window-test", "USER_DISABLED", Map.of("username", "x")));
		assertThat(this.events.find("window-test", null, null))
			.extracting(AuditEvent::getType, (event) -> event.getData().get("count"))
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("AUTHENTICATION_FAILURE", 1),
					org.assertj.core.groups.Tuple.tuple("AUTHENTICATION_FAILURE", 2),
					org.assertj.core.groups.Tuple.tuple("USER_DISABLED", null),
					org.assertj.core.groups.Tuple.tuple("USER_DISABLED", null));
	}

	@Test
	void eventsOlderThanAYearAreDeleted() {
		// given events of 366, 364 and 0 days ago
		Instant now = Instant.now();
		for (int days : new int[] { 366, 364, 0 }) {
			this.jdbc.sql(
					"insert into audit_event (occurred_at, principal, type, data) values (?, 'retention-test', ?, '{}')")
				.params(now.minus(days, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC), "AGE_" + days)
				.update();
		}
		// when the nightly purge runs
		assertThat(this.retention.purge()).isGreaterThanOrEqualTo(1);
		// then only the one older than the retention is gone
		assertThat(this.jdbc.sql("select type from audit_event where principal = 'retention-test'")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("AGE_364", "AGE_0");
	}

}
