/**
 * Rule pack versions and their files as stored, for the application (drafts, publishing)
 * and the jobs (back-tests, re-scoring) alike.
 */
@NullMarked
package io.liveguard.batch.rulepack;

import org.jspecify.annotations.NullMarked;
