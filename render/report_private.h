/* Helpers shared by the report writers of render/. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

/* Serialises the builder's root, pretty-printed, with a final newline. (transfer full) */
GString *cm_report__json_to_gstring(JsonBuilder *builder);

/* Appends one RFC 4180 cell. With neutralize, a text cell beginning with = + - @ tab or CR is
 * prefixed with ' so that spreadsheets do not run it as a formula. */
void cm_report__csv_cell(GString *out, const char *text, gboolean neutralize);
