package io.liveguard.engine.session;

/** What a classifier or a moderator found in the stream. */
public enum ModerationCode {

	VULGAR_LANGUAGE, INDECENT_ATTIRE,
	/** Luring buyers to pay or chat outside the platform. */
	OFF_PLATFORM_REDIRECT, MISLEADING_CLAIM, PRERECORDED_CONTENT, STATIC_IMAGE, MINOR_ALONE, DANGEROUS_ACT,
	/** Bought views, scripted comments. */
	FAKE_ENGAGEMENT,
	/** A moderator confirmed a fake good. */
	COUNTERFEIT

}
