package io.liveguard.engine.rulepack;

import java.util.List;
import java.util.stream.Collectors;

/** A rule pack that does not compile; nothing of it is activated. */
public class PackCompilationException extends RuntimeException {

	private final List<PackError> errors;

	public PackCompilationException(String packId, List<PackError> errors) {
		super("Rule pack '" + packId + "' does not compile: "
				+ errors.stream().map(PackError::toString).collect(Collectors.joining("; ")));
		this.errors = List.copyOf(errors);
	}

	public List<PackError> errors() {
		return this.errors;
	}

}
