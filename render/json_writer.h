/* The JSON writer of every report: streaming (a report of a million targets needs no tree),
 * pretty-printed with one space a level and " : " after names (the layout of the reports since
 * 0.1, when json-glib wrote them), RFC 8259 strings (every control character escaped), numbers in
 * the shortest form that reads back exactly, NaN and infinities as null. Objects must not be
 * empty. */
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
/* A number: the shortest decimal that reads back as v ("64.2", "40.0", "1e+20"); null when v
 * is not finite. */
void cm_json_double(CmJsonWriter *w, double v);
void cm_json_boolean(CmJsonWriter *w, gboolean v);
void cm_json_null(CmJsonWriter *w);
