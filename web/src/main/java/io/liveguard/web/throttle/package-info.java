/**
 * Slows down guessing: failed logins and bad API keys are counted per client address, and
 * an address over its budget is answered 429 before any credential it sends is checked.
 */
@NullMarked
package io.liveguard.web.throttle;

import org.jspecify.annotations.NullMarked;
