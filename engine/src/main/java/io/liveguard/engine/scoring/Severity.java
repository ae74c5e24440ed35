package io.liveguard.engine.scoring;

/**
 * The platforms' mild / moderate / severe / critical scale; quality findings are INFO.
 */
public enum Severity {

	INFO, MINOR, MODERATE, SEVERE, CRITICAL

}
