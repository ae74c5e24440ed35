package io.liveguard.web.rulepack;

import java.util.Map;

import io.liveguard.batch.rulepack.PackVersion;
import io.liveguard.engine.DomainException;

/**
 * The version's content is not the one the admin reviewed (named by its hash): it was
 * sent back, edited and proposed again since. The problem carries the current hash, to
 * review again.
 */
class StaleReview extends DomainException {

	private final String contentHash;

	StaleReview(PackVersion version) {
		super(Kind.CONFLICT, null, "contentHash: " + version.packId() + " v" + version.version()
				+ " is not the content you reviewed (now " + version.contentHash() + "); review it again");
		this.contentHash = version.contentHash();
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("contentHash", this.contentHash);
	}

}
