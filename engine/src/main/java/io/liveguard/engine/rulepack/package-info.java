/**
 * Rule packs as data: a pack is a set of text files (DRL rules, settings, the findings
 * table, keyword lists, test cases) under a pack id and version. The compiler validates
 * and compiles them with Drools into a {@link io.liveguard.engine.rulepack.CompiledPack};
 * the registry swaps active versions atomically so a scoring call never mixes two
 * versions.
 */
@NullMarked
package io.liveguard.engine.rulepack;

import org.jspecify.annotations.NullMarked;
