/**
 * Appeals: a seller contests one violation finding within the pack's window; an analyst
 * upholds or overturns it. An overturned finding stops counting at once; the penalties it
 * leaves without enough points are lifted by the next penalty run, or at once when the
 * decision asks for it.
 */
@NullMarked
package io.liveguard.web.appeal;

import org.jspecify.annotations.NullMarked;
