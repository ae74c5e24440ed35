package io.liveguard.batch.rulepack;

import io.liveguard.engine.rulepack.CompiledPack;

/**
 * Stored versions of rule packs, compiled and lent to a caller for as long as it scores
 * with them: the active version as it is, others from a cache, so a back-test or a
 * re-score does not compile again what is in use or was compiled a moment ago. The web
 * application provides it.
 */
public interface CompiledVersions {

	/**
	 * Lends the compiled version until the loan is closed; compiling a version that is
	 * neither active nor cached takes a second or so.
	 * @throws io.liveguard.engine.DomainException (not found) when the version is not
	 * stored
	 */
	Loan borrow(String packId, int version);

	/** A compiled version lent to one caller; closing it twice is harmless. */
	interface Loan extends AutoCloseable {

		CompiledPack pack();

		@Override
		void close();

	}

}
