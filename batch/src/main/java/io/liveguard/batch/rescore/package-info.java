/**
 * Re-scoring stored sessions with the rule packs active now (after a publication, say): a
 * batch job partitioned by seller hash like the penalty run, restartable, reporting
 * sessions re-scored and changed.
 */
@NullMarked
package io.liveguard.batch.rescore;

import org.jspecify.annotations.NullMarked;
