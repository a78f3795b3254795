/* Chain maps (public: chainmap/map.h), and the escaping of dataset text for Graphviz. */
#pragma once

#include "cm_analysis.h"

#include <chainmap/map.h>

G_BEGIN_DECLS

/* Escaping: every piece of dataset text reaches Graphviz through exactly one of these, chosen by
 * where it goes. Each returns a new string (transfer full) that Graphviz shows as the input
 * (invalid UTF-8 and control characters other than newline and tab become U+FFFD). */

/* Text inside an HTML-like label: & < > " ' as XML entities, backslashes doubled (Graphviz
 * expands \N, \G, \E, \T, \H there), newlines as <BR/>. */
char *cm_escape_html(const char *text);

/* A tooltip (an escString): & as &amp;, backslashes as entity-coded escape pairs so that neither
 * Graphviz's escape expansion nor the DOT writer can see a bare backslash, newlines as &#10;
 * (and the text "-." as "-&#46;", see cm_escape_dot). */
char *cm_escape_tooltip(const char *text);

/* A plain DOT string: a node name or an attribute that Graphviz shows verbatim. cgraph 2.43's
 * writer and reader do not agree on every string; the few that would not read back are changed,
 * everything else is kept:
 * - the last backslash of an odd run of backslashes before a quote, a line break (LF or CR) or
 *   the end becomes U+FF3C (fullwidth reverse solidus);
 * - then a line break (LF) with the start or end of the string, a quote or a backslash on both
 *   sides becomes U+2424 (symbol for newline);
 * - a % at the start becomes U+FF05; the string "-." becomes "-" U+FF0E. */
char *cm_escape_dot(const char *text);

G_END_DECLS
