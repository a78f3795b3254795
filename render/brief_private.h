/* What the page and the workbook of the briefing share: the words for statuses and actions, and
 * the reason for a segment's status as one sentence (plain text with dataset names in it: the
 * page escapes it). */
#pragma once

#include "cm_brief.h"

#include <glib.h>

/* "strong", "weak", ... in the language in force. */
const char *cm_brief__status_word(CmSegmentStatus status);
/* "strengthen" / 强链 ... in the language in force; "" for none. */
const char *cm_brief__action_word(CmAction action);
/* Why segment s has its status, one sentence. (transfer full) */
char *cm_brief__reason(const CmBrief *b, guint s);
/* The name a person reads for an enterprise or a segment (the name, which is the id when the
 * file gives none). */
const char *cm_brief__enterprise_name(const CmBrief *b, guint32 e);
const char *cm_brief__segment_name(const CmBrief *b, guint32 s);
/* The scenario as words in the language in force: "operating, construction". (transfer full) */
char *cm_brief__scenario(guint scenario);
/* What landing target tg would add to the leaders' local share, as a ratio (0 without leaders'
 * purchases). */
double cm_brief__target_gain(const CmBrief *b, const CmTarget *tg);

/* Dataset text for a page or a cell: invalid UTF-8 repaired; C0 and C1 controls, DEL and the bidi
 * embeddings, overrides and isolates (which could make a name read backwards) as spaces.
 * (transfer full) */
char *cm_brief__clean_text(const char *text);
