package io.liveguard.web.user;

/**
 * What a user may do (api.md, "Roles"); granted as the authority {@code ROLE_<name>}.
 * Public so that the API description can ask the security rules which roles each
 * operation refuses.
 */
public enum Role {

	/** An API client of the marketplace: ingests sessions, asks for eligibility. */
	PLATFORM,

	/** Sees only its own seller's data. */
	SELLER,

	/** Reads everything, edits and tests rule packs, decides appeals. */
	ANALYST,

	/** Users, API keys, publishing rule packs, running jobs. */
	ADMIN

}
