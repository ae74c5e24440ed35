/**
 * The background-job machinery every feature's job shares, so that a penalty run, an
 * import, a re-score, a back-test (and the jobs to come) record, launch, restart, report
 * and fail the same way: {@link io.liveguard.batch.job.BackgroundJobs} records a job's
 * row in the feature's own table, owns the threads the job runs on, launches it through
 * Spring Batch's {@code JobOperator}, links the row to its latest execution, restarts a
 * failed one (taking an execution left STARTED by a process that died as abandoned) and
 * reads back its state; what cannot be done is one of the domain exceptions of this
 * package, which the web module answers with a problem detail. Each feature keeps its own
 * table, parameters, job configuration and counts.
 */
@NullMarked
package io.liveguard.batch.job;

import org.jspecify.annotations.NullMarked;
