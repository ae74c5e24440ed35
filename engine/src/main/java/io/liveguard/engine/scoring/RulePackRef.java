package io.liveguard.engine.scoring;

/** Which rule pack, at which version, produced a score card. */
public record RulePackRef(String id, int version) {

	@Override
	public String toString() {
		return this.id + " v" + this.version;
	}

}
