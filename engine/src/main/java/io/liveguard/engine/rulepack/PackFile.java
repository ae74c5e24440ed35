package io.liveguard.engine.rulepack;

/**
 * One file of a rule pack.
 *
 * @param path relative to the pack root, with forward slashes, such as
 * {@code rules/quality.drl}
 * @param content its text
 */
public record PackFile(String path, String content) {
}
