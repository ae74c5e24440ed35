/** Re-scoring stored sessions with the active rule packs, over the API (ADMIN). */
@NullMarked
package io.liveguard.web.rescore;

import org.jspecify.annotations.NullMarked;
