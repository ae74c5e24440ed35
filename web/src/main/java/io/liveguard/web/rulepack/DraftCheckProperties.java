package io.liveguard.web.rulepack;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the child JVMs that compile drafts and run their test cases
 * ({@link ChildJvm}).
 *
 * @param timeLimit wall-clock time one check may take, JVM start included; the child is
 * killed after it
 * @param heap the child's maximum heap ({@code -Xmx}); it exits when that is not enough
 * @param stack each of its threads' stack ({@code -Xss}), which bounds how deep a draft
 * recurses
 * @param concurrent checks running at once on this node; more wait for a free one
 * @param queueWait how long a check waits for a free one before the request is refused
 * with 503
 * @param maxReply the most a child may write back; more, and it is killed
 */
@ConfigurationProperties("liveguard.draft-check")
record DraftCheckProperties(@DefaultValue("PT20S") Duration timeLimit, @DefaultValue("256MB") DataSize heap,
		@DefaultValue("1MB") DataSize stack, @DefaultValue("2") int concurrent,
		@DefaultValue("PT10S") Duration queueWait, @DefaultValue("4MB") DataSize maxReply) {

	DraftCheckProperties {
		if (concurrent < 1) {
			throw new IllegalArgumentException("liveguard.draft-check.concurrent must be at least 1");
		}
	}

}
