/**
 * Cross-cutting configuration: security, the scoring engine, problem details for every
 * error, the OpenAPI description and the application's settings. Feature packages do not
 * depend on it.
 */
@NullMarked
package io.liveguard.web.system;

import org.jspecify.annotations.NullMarked;
