/**
 * What every server-rendered page shares: the language (a {@code ?lang=} switch
 * remembered in a cookie, else the browser's Accept-Language), locale-aware formats for
 * templates, the flash notices after a form, the login page and the home redirect by
 * role. Feature packages hold their own pages; this package depends on none of them.
 */
@NullMarked
package io.liveguard.web.page;

import org.jspecify.annotations.NullMarked;
