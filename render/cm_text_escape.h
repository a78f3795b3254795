/* Text shown to a person on a terminal or in a Markdown page, with control characters and bidi
 * overrides made visible, so that no dataset can move the cursor, recolour the screen, ring the
 * bell or reverse the order of what follows (render/escape.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CM_ESCAPE_ONE_LINE = 0,           /* a line break is shown as \n too */
  CM_ESCAPE_KEEP_NEWLINES = 1 << 0, /* LF (and CR LF) stay line breaks */
  CM_ESCAPE_KEEP_TABS = 1 << 1,     /* a tab stays a tab */
} CmEscapeFlags;

/* C0 controls and DEL as \xNN (\n, \r, \t by name when not kept), C1 controls (U+0080-U+009F)
 * and the bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) as <U+XXXX>,
 * and bytes that are not UTF-8 as \xNN. Everything else, Chinese included, is kept.
 * (transfer full) */
char *cm_escape_terminal(const char *text, CmEscapeFlags flags);

/* TRUE when cm_escape_terminal would change text. */
gboolean cm_escape_terminal_needed(const char *text, CmEscapeFlags flags);

G_END_DECLS
