package io.liveguard.web.user;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the first administrator is created on an empty user table.
 *
 * @param adminPassword the password of the user {@code admin} (environment
 * {@code LIVEGUARD_BOOTSTRAP_ADMIN_PASSWORD}); when unset a random one is generated and
 * logged once
 */
@ConfigurationProperties("liveguard.bootstrap")
record BootstrapProperties(@Nullable String adminPassword) {
}
