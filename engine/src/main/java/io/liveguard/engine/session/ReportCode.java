package io.liveguard.engine.session;

/** A viewer's complaint about a stream. */
public enum ReportCode {

	FAKE_PRODUCT, MISLEADING, OFFENSIVE, OTHER

}
