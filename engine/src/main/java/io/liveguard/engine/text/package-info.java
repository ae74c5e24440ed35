/**
 * Text matching for rule packs: folding case and diacritics (Vietnamese "đ" included) and
 * finding whole-word keyword phrases in transcripts, computed once per session in Java so
 * rules only see hits.
 */
@NullMarked
package io.liveguard.engine.text;

import org.jspecify.annotations.NullMarked;
