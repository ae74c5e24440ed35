/** The bulk import benchmark: a generated gzip NDJSON file imported by the import job. */
@NullMarked
package io.liveguard.bench.sessionimport;

import org.jspecify.annotations.NullMarked;
