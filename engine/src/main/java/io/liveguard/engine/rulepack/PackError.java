package io.liveguard.engine.rulepack;

/**
 * A reason a rule pack does not compile.
 *
 * @param path the pack file, relative to the pack root
 * @param line the 1-based line, or 0 when the problem is not on one line
 * @param message what is wrong
 */
public record PackError(String path, int line, String message) {

	@Override
	public String toString() {
		return this.path + (this.line > 0 ? ":" + this.line : "") + ": " + this.message;
	}

}
