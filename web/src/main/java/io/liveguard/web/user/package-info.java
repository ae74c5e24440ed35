/**
 * Users: who may log in, with which role, and the first administrator created on an empty
 * user table. Passwords are stored only as hashes.
 */
@NullMarked
package io.liveguard.web.user;

import org.jspecify.annotations.NullMarked;
