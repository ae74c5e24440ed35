/**
 * The LiveGuard Spring Boot application.
 */
@NullMarked
package io.liveguard.web;

import org.jspecify.annotations.NullMarked;
