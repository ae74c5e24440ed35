/**
 * What the platform and sellers ask about a seller: its standing (points, penalty, warnings, next
 * threshold), every penalty decided, and the go-live eligibility hot path.
 */
@NullMarked
package io.liveguard.web.seller;

import org.jspecify.annotations.NullMarked;
