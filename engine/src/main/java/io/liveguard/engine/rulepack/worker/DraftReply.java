package io.liveguard.engine.rulepack.worker;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.liveguard.engine.rulepack.PackError;
import io.liveguard.engine.rulepack.PackTests;

/**
 * One line the worker writes: a {@link Step} before each piece of work, so the server can
 * name the one that ran too long when it kills the child, then exactly one outcome.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "reply")
@JsonSubTypes({ @JsonSubTypes.Type(value = DraftReply.Step.class, name = "step"),
		@JsonSubTypes.Type(value = DraftReply.Compiled.class, name = "compiled"),
		@JsonSubTypes.Type(value = DraftReply.Rejected.class, name = "rejected"),
		@JsonSubTypes.Type(value = DraftReply.BadCases.class, name = "bad-cases"),
		@JsonSubTypes.Type(value = DraftReply.Tested.class, name = "tested"),
		@JsonSubTypes.Type(value = DraftReply.Failed.class, name = "failed") })
public sealed interface DraftReply {

	/** About to start {@code what}: "compiling", or "test case 'name' (tests/x.json)". */
	record Step(String what) implements DraftReply {
	}

	/** The draft compiles into {@code rules} rules. */
	record Compiled(int rules) implements DraftReply {
	}

	/** The draft does not compile. */
	record Rejected(List<PackError> errors) implements DraftReply {
	}

	/** Some test cases cannot be read; none ran. */
	record BadCases(List<PackError> errors) implements DraftReply {
	}

	/** Every test case ran (a case whose scoring failed is a failed result). */
	record Tested(List<PackTests.PackTestResult> results) implements DraftReply {
	}

	/** Something unexpected, not the draft's fault as far as the worker can tell. */
	record Failed(String message) implements DraftReply {
	}

}
