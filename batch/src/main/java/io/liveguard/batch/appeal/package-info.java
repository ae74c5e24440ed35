/**
 * Appeals as the other features read them: which findings a seller appealed and where
 * each appeal stands. The web module's appeal feature files and decides them; the penalty
 * run, the standings, the back-test and the seller's page read the {@code appeal} table
 * only through {@link io.liveguard.batch.appeal.AppealRecords}.
 */
@NullMarked
package io.liveguard.batch.appeal;

import org.jspecify.annotations.NullMarked;
