package io.liveguard.engine.scoring;

/** Quality findings move the content score; violations earn points toward penalties. */
public enum FindingKind {

	QUALITY, VIOLATION

}
