/* A streaming JSON writer for reports too big to build a json-glib tree of (a million targets).
 * It writes byte for byte what json-glib 1.6's generator (pretty, indent 1) followed by
 * cm_report__json_finish() writes for the same document: the same layout, the same string
 * escapes (json-glib's, quirks included), the same numbers. tests/render/json_writer.c holds it
 * to that on random documents. Objects must not be empty. */
#pragma once

#include <glib.h>

typedef struct {
  GString *out;
  guint depth;        /* containers open */
  guint8 kind[32];    /* per depth: '{' or '[' */
  gboolean items[32]; /* per depth: it has an element already */
} CmJsonWriter;

/* Starts a document at the end of out. */
void cm_json_writer_init(CmJsonWriter *w, GString *out);
/* Ends the document (a final newline). */
void cm_json_writer_end(CmJsonWriter *w);

/* The name of the next value, inside an object. */
void cm_json_member(CmJsonWriter *w, const char *name);

void cm_json_begin_object(CmJsonWriter *w);
void cm_json_end_object(CmJsonWriter *w);
void cm_json_begin_array(CmJsonWriter *w);
void cm_json_end_array(CmJsonWriter *w);
void cm_json_string(CmJsonWriter *w, const char *text);
void cm_json_int(CmJsonWriter *w, gint64 v);
/* A number (json-glib writes an infinite or NaN one as "inf.0", "nan.0": so does this). */
void cm_json_double(CmJsonWriter *w, double v);
void cm_json_boolean(CmJsonWriter *w, gboolean v);
void cm_json_null(CmJsonWriter *w);
