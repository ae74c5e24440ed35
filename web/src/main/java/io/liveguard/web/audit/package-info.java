/**
 * The audit log: security events (logins, failures, lockouts, denied requests) and every
 * decision users make, stored in the database through Spring Boot's
 * {@code AuditEventRepository} and readable by ADMIN.
 */
@NullMarked
package io.liveguard.web.audit;

import org.jspecify.annotations.NullMarked;
