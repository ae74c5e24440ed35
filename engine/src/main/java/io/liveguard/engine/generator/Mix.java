package io.liveguard.engine.generator;

/**
 * The shares of session profiles a generator produces. The three weights need not add up
 * to 1; they are normalised.
 *
 * @param clean weight of {@link Profile#CLEAN} sessions
 * @param sloppy weight of {@link Profile#SLOPPY} sessions
 * @param violating weight of {@link Profile#VIOLATING} sessions
 */
public record Mix(double clean, double sloppy, double violating) {

	/** Mostly clean sessions, a fifth sloppy, one in ten violating. */
	public static final Mix DEFAULT = new Mix(0.70, 0.20, 0.10);

	public Mix {
		if (!(clean >= 0) || !(sloppy >= 0) || !(violating >= 0)) {
			throw new IllegalArgumentException("mix weights must be non-negative numbers");
		}
		if (clean + sloppy + violating <= 0) {
			throw new IllegalArgumentException("at least one mix weight must be positive");
		}
	}

	/**
	 * Parses {@code CLEAN,SLOPPY,VIOLATING} weights, such as {@code 70,20,10} or
	 * {@code 0.7,0.2,0.1}.
	 */
	public static Mix parse(String text) {
		String[] parts = text.split(",");
		if (parts.length != 3) {
			throw new IllegalArgumentException(
					"mix must be three weights CLEAN,SLOPPY,VIOLATING such as 70,20,10, not '" + text + "'");
		}
		try {
			return new Mix(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()),
					Double.parseDouble(parts[2].strip()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"mix must be three numbers CLEAN,SLOPPY,VIOLATING such as 70,20,10, not '" + text + "'");
		}
	}

	Profile pick(double uniform) {
		double total = this.clean + this.sloppy + this.violating;
		double at = uniform * total;
		if (at < this.clean) {
			return Profile.CLEAN;
		}
		return (at < this.clean + this.sloppy || this.violating == 0) ? Profile.SLOPPY : Profile.VIOLATING;
	}

	@Override
	public String toString() {
		return this.clean + "," + this.sloppy + "," + this.violating;
	}

}
