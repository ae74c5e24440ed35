/**
 * Rule packs as versioned data in the database: versions with their files, drafts
 * analysts write, publishing by a second person (maker-checker) and rollback, each
 * swapping the active version in every scoring path at once.
 */
@NullMarked
package io.liveguard.web.rulepack;

import org.jspecify.annotations.NullMarked;
