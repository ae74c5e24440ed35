/**
 * The facts of a live (live.md) that rule packs reason over: the go-live check's request,
 * products and the seller's bans, with the outcomes its rules insert; and, during the
 * stream, each signal as an event stamped with its {@code at}, the turn that judges it,
 * the live's state, its products, the violation and reminder candidates classifying rules
 * insert and the actions deciding rules insert. Java reads the results after the rules
 * fired; these classes are all a live DRL file may import.
 */
@NullMarked
package io.liveguard.engine.facts.live;

import org.jspecify.annotations.NullMarked;
