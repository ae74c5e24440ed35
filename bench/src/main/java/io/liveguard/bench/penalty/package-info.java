/**
 * The penalty run benchmark: generated sessions scored and stored in a database, then one
 * timed run.
 */
@NullMarked
package io.liveguard.bench.penalty;

import org.jspecify.annotations.NullMarked;
