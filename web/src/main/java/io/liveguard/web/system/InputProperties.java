package io.liveguard.web.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what callers send (session-format.md: "a record, a body or one NDJSON line,
 * is at most 4 MiB"). Public because the features that read bodies (sessions) apply them.
 *
 * @param maxRecordSize the largest JSON request body and the longest NDJSON line, of the
 * batch upload and the bulk import alike (decompressed); default 4 MiB
 */
@ConfigurationProperties("liveguard.input")
public record InputProperties(@DefaultValue("4MB") DataSize maxRecordSize) {
}
