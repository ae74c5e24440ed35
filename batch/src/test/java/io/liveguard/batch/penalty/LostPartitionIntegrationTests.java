package io.liveguard.batch.penalty;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.liveguard.batch.BatchTestApplication;
import io.liveguard.batch.Decisions;
import io.liveguard.batch.StoredSessions;
import io.liveguard.batch.Tables;
import io.liveguard.engine.ScoringEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

/**
 * A worker taken as lost that is in fact alive (a long pause, a network partition): the
 * manager marks its partition failed in the job repository (what
 * {@code RemotePartitionHandler} does after {@code liveguard.partitioning.stale-after})
 * while the worker is inside a chunk. The worker's chunk must not commit: its step
 * execution update meets the newer version in the same transaction as its decisions, and
 * both roll back. The restart then decides exactly what an uninterrupted run decides.
 * <p>
 * The partition runs locally here (one partition, one seller per chunk), with the
 * manager's marking done by the test between the first chunk's commit and the second
 * chunk's write.
 */
@SpringBootTest(classes = BatchTestApplication.class, properties = { "liveguard.penalty-run.chunk-size=1",
		"liveguard.partitioning.partitions=1", "liveguard.partitioning.threads=1" })
class LostPartitionIntegrationTests {

	private static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 22);

	@MockitoSpyBean
	SellerRecords records;

	@Autowired
	PenaltyRuns runs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	EligibilityIndex eligibility;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ScoringEngine engine;

	@BeforeEach
	void storeTheExamples() {
		Tables.empty(this.jdbc);
		this.eligibility.reload();
		new StoredSessions(this.jdbc, this.engine).storeExamples();
	}

	@Test
	void aWorkerAliveAfterItsPartitionWasTakenAsLostCommitsNothingMoreAndTheRestartDecidesAsIfUninterrupted()
			throws Exception {
		// given: what an uninterrupted run decides
		PenaltyRuns.RunStatus uninterrupted = this.runs.runAndWait(RUN_DATE, "VN", "test");
		assertThat(uninterrupted.status()).isEqualTo("COMPLETED");
		assertThat(uninterrupted.sellersRead()).isEqualTo(4);
		assertThat(uninterrupted.penaltiesDecided()).isEqualTo(2);
		assertThat(this.jdbc.sql(Decisions.STATES).query(String.class).list()).hasSize(4);
		List<String> expected = decisions();
		emptyDecisions();

		// and a run whose worker stops before its second chunk until the manager has
		// taken it as lost
		CountDownLatch insideSecondChunk = new CountDownLatch(1);
		CountDownLatch takenAsLost = new CountDownLatch(1);
		AtomicInteger chunks = new AtomicInteger();
		doAnswer((invocation) -> {
			if (chunks.incrementAndGet() == 2) {
				insideSecondChunk.countDown();
				assertThat(takenAsLost.await(60, TimeUnit.SECONDS)).isTrue();
			}
			return invocation.callRealMethod();
		}).when(this.records).loadAll(any(), any(), any(), any(), any());
		CompletableFuture<PenaltyRuns.RunStatus> interrupted = CompletableFuture
			.supplyAsync(() -> this.runs.runAndWait(RUN_DATE, "VN", "test"));
		assertThat(insideSecondChunk.await(60, TimeUnit.SECONDS)).isTrue();

		// when: the manager marks the partition failed, as RemotePartitionHandler does
		// for a stale one
		Long partitionId = this.jdbc
			.sql("select step_execution_id from batch_step_execution where step_name like :name and status = 'STARTED'")
			.param("name", PenaltyRunJobConfiguration.PARTITION_STEP + ":%")
			.query(Long.class)
			.single();
		StepExecution partition = this.jobRepository.getStepExecution(partitionId);
		assertThat(partition.getCommitCount()).isEqualTo(1);
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription("its worker was lost (test)"));
		partition.setEndTime(LocalDateTime.now());
		this.jobRepository.update(partition);
		takenAsLost.countDown();
		PenaltyRuns.RunStatus failed = interrupted.get(60, TimeUnit.SECONDS);

		// then: the run did not complete, and the second chunk's decisions were rolled
		// back (Spring Batch 6.0.6
		// updates the step execution inside the chunk's transaction; had it done so after
		// the commit, as 6.0.1
		// did, spring-batch#5199, the second seller's state would be here)
		assertThat(failed.status()).isNotEqualTo("COMPLETED");
		assertThat(failed.failure()).endsWith("its worker was lost (test)");
		assertThat(this.jdbc.sql("select count(*) from seller_state").query(Long.class).single()).isEqualTo(1);
		assertThat(this.jdbc.sql("select status from batch_step_execution where step_execution_id = ?")
			.param(partitionId)
			.query(String.class)
			.single()).isEqualTo("FAILED");

		// when: restarted
		PenaltyRuns.RunStatus restarted = this.runs.restart(failed.runId());

		// then: the same decisions as the uninterrupted run, none twice
		assertThat(restarted.status()).isEqualTo("COMPLETED");
		assertThat(decisions()).isEqualTo(expected);
	}

	/** Every seller's state, penalty with its reasons, and warning. */
	private List<String> decisions() {
		return Stream.of(Decisions.STATES, Decisions.PENALTIES, Decisions.WARNINGS)
			.flatMap((sql) -> this.jdbc.sql(sql).query(String.class).list().stream())
			.toList();
	}

	private void emptyDecisions() {
		for (String table : List.of("seller_warning", "penalty_reason", "penalty", "seller_state", "penalty_run_seller",
				"quarantine")) {
			this.jdbc.sql("delete from " + table).update();
		}
	}

}
