package io.liveguard.batch.sessionimport;

/**
 * One non-blank line of an NDJSON file.
 *
 * @param number its line number, from 1, blank lines counted
 * @param text the line without its terminator (and without a byte order mark on line 1)
 */
record NdjsonLine(long number, String text) {
}
