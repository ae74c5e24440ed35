package io.liveguard.web.rulepack;

import io.liveguard.engine.rulepack.CompiledPack;

/**
 * A compiled pack in the {@value PackVersions#CACHE} cache, shared by the calls scoring
 * with it and closed once the cache has let it go and the last of them is done: the cache
 * may evict a version while a re-score still scores with it, and a closed pack cannot
 * open sessions. Made in use by its creator, who releases it like any other user.
 */
final class SharedPack implements AutoCloseable {

	private final CompiledPack pack;

	private int users = 1;

	private boolean retired;

	SharedPack(CompiledPack pack) {
		this.pack = pack;
	}

	CompiledPack pack() {
		return this.pack;
	}

	/**
	 * Takes the pack for one call; false once it was retired, when the caller compiles
	 * its own.
	 */
	synchronized boolean acquire() {
		if (this.retired) {
			return false;
		}
		this.users++;
		return true;
	}

	/** Ends a call's use; the last user of a retired pack closes it. */
	void release() {
		boolean last;
		synchronized (this) {
			this.users--;
			last = this.retired && this.users == 0;
		}
		if (last) {
			this.pack.close();
		}
	}

	/**
	 * Retires the pack: closed now if nobody uses it, else when its last user releases
	 * it.
	 */
	@Override
	public void close() {
		boolean unused;
		synchronized (this) {
			if (this.retired) {
				return;
			}
			this.retired = true;
			unused = this.users == 0;
		}
		if (unused) {
			this.pack.close();
		}
	}

	@Override
	public String toString() {
		return "SharedPack[" + this.pack.ref() + "]";
	}

}
