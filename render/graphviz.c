/* The process's one Graphviz context: layout with dot, rendering to memory, error capture.
 * Graphviz is not thread-safe; chainmap draws from one thread (batch uses processes). */
#include "cm_i18n.h"
#include "cm_output.h"
#include "map_private.h"
#include "memory_headroom.h"

#include <graphviz/gvc.h>
#include <math.h>
#include <string.h>

static GVC_t *context;
static GString *messages; /* what Graphviz said since the last reset */

static int
capture_message(char *text)
{
  if (!messages)
    messages = g_string_new(NULL);
  g_string_append(messages, text);
  return 0;
}

static GVC_t *
get_context(void)
{
  if (!context) {
    agseterrf(capture_message);
    agseterr(AGWARN);
    context = gvContext();
  }
  return context;
}

void
cm_graphviz_shutdown(void)
{
  if (context) {
    gvFreeContext(context);
    context = NULL;
  }
  if (messages) {
    g_string_free(messages, TRUE);
    messages = NULL;
  }
}

static void
reset_messages(void)
{
  if (messages)
    g_string_truncate(messages, 0);
}

/* The captured errors (warnings only if there is nothing else), on one line. */
static char *
message_text(const char *fallback)
{
  if (!messages || messages->len == 0)
    return g_strdup(fallback);
  char *text = g_strdup(messages->str);
  g_strdelimit(text, "\r\n", ' ');
  return g_strstrip(text);
}

static gboolean
graphviz_error(GError **error, const char *what)
{
  g_autofree char *text = message_text(_("no message"));
  /* TRANSLATORS: what Graphviz could not do (such as "lay out the map"), then its message */
  g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_GRAPHVIZ, _("Graphviz could not %s: %s"),
              _(what), text);
  return FALSE;
}

/* The DOT writer appends to the GString given to agwrite as its channel. */
static int
gstring_putstr(void *chan, const char *str)
{
  g_string_append((GString *)chan, str);
  return 0;
}

static int
gstring_flush(void *chan)
{
  return 0;
}

/* Object ids in creation order. cgraph's own id discipline uses the address of the interned name,
 * and orders subgraphs by id: clusters would come out (and be laid out) in an order that changes
 * from run to run. Named objects get even ids, anonymous ones (edges) odd ids. */
typedef struct {
  Agraph_t *g;
  GHashTable *ids;  /* name -> id */
  GPtrArray *names; /* id / 2 - 1 -> name, interned in g (the writer asks the string's kind) */
  IDTYPE next_anonymous;
} IdState;

static void *
id_open(Agraph_t *g, Agdisc_t *disc)
{
  IdState *state = g_new0(IdState, 1);
  state->g = g;
  state->ids = g_hash_table_new(g_str_hash, g_str_equal);
  state->names = g_ptr_array_new();
  state->next_anonymous = 1;
  return state;
}

static long
id_map(void *data, int objtype, char *str, IDTYPE *id, int createflag)
{
  IdState *state = data;
  if (!str) {
    *id = state->next_anonymous;
    state->next_anonymous += 2;
    return TRUE;
  }
  gpointer found = g_hash_table_lookup(state->ids, str);
  if (found) {
    *id = (IDTYPE)GPOINTER_TO_SIZE(found);
    return TRUE;
  }
  if (!createflag)
    return FALSE;
  char *name = agstrdup(state->g, str);
  g_ptr_array_add(state->names, name);
  *id = 2 * (IDTYPE)state->names->len;
  g_hash_table_insert(state->ids, name, GSIZE_TO_POINTER((gsize)*id));
  return TRUE;
}

static long
id_alloc(void *data, int objtype, IDTYPE request)
{
  return FALSE;
}

static void
id_free(void *data, int objtype, IDTYPE id)
{
}

static char *
id_print(void *data, int objtype, IDTYPE id)
{
  IdState *state = data;
  if (id % 2 != 0 || id == 0 || id / 2 > state->names->len)
    return NULL;
  return g_ptr_array_index(state->names, id / 2 - 1);
}

static void
id_close(void *data)
{
  IdState *state = data;
  for (guint i = 0; i < state->names->len; i++)
    agstrfree(state->g, g_ptr_array_index(state->names, i));
  g_hash_table_unref(state->ids);
  g_ptr_array_unref(state->names);
  g_free(state);
}

static void
id_register(void *data, int objtype, void *obj)
{
}

static Agiddisc_t id_disc = {id_open, id_map, id_alloc, id_free, id_print, id_close, id_register};
static Agiodisc_t io_disc;
static Agdisc_t graph_disc;

Agraph_t *
cm_map__open(void)
{
  get_context();
  if (!graph_disc.io) {
    io_disc = AgIoDisc;
    io_disc.putstr = gstring_putstr;
    io_disc.flush = gstring_flush;
    graph_disc = (Agdisc_t){&AgMemDisc, &id_disc, &io_disc};
  }
  return agopen("chainmap", Agdirected, &graph_disc);
}

/* A 16:9 slide: 960x540 points (PowerPoint's widescreen page), the drawing scaled to fit and
 * centred. PNG doubles the resolution to 1920x1080 pixels. Graphviz's own size/ratio attributes
 * miss the exact pixel size by rounding; a viewport fixes it. */
#define SLIDE_WIDTH 960.0
#define SLIDE_HEIGHT 540.0
#define SLIDE_MARGIN 14.0
#define SLIDE_MAX_ZOOM 2.0

static void
set_slide_viewport(Agraph_t *g)
{
  boxf bb = GD_bb(g);
  double w = MAX(bb.UR.x - bb.LL.x, 1.0), h = MAX(bb.UR.y - bb.LL.y, 1.0);
  double zoom = MIN((SLIDE_WIDTH - 2 * SLIDE_MARGIN) / w, (SLIDE_HEIGHT - 2 * SLIDE_MARGIN) / h);
  zoom = MIN(zoom, SLIDE_MAX_ZOOM);
  char viewport[160], zoom_text[G_ASCII_DTOSTR_BUF_SIZE], cx[G_ASCII_DTOSTR_BUF_SIZE],
      cy[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(zoom_text, sizeof zoom_text, "%.6f", zoom);
  g_ascii_formatd(cx, sizeof cx, "%.3f", (bb.LL.x + bb.UR.x) / 2);
  /* a wide map sits at the top of the slide, under nothing: its title is the slide's title */
  double centre_y = (bb.LL.y + bb.UR.y) / 2;
  if (h * zoom < SLIDE_HEIGHT - 2 * SLIDE_MARGIN)
    centre_y = bb.UR.y + SLIDE_MARGIN / zoom - SLIDE_HEIGHT / zoom / 2;
  g_ascii_formatd(cy, sizeof cy, "%.3f", centre_y);
  g_snprintf(viewport, sizeof viewport, "%.0f,%.0f,%s,%s,%s", SLIDE_WIDTH, SLIDE_HEIGHT, zoom_text,
             cx, cy);
  cm_map__set(g, "viewport", viewport);
}

static const char *
device_name(CmMapFormat format)
{
  switch (format) {
  case CM_MAP_PNG:
    return "png:cairo";
  case CM_MAP_PDF:
    return "pdf:cairo";
  case CM_MAP_SVG:
  default:
    return "svg";
  }
}

/* Resolution of bitmaps: slides are exactly 1920x1080; other maps print sharply at A4 width. */
#define PNG_DPI "96"
#define SLIDE_PNG_DPI "144"

/* Length of the XML reference at p ("&amp;", "&#160;" ...) that a strict parser accepts, or 0. */
static gsize
xml_reference_length(const char *p, const char *end)
{
  static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};
  for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
    gsize n = strlen(names[i]);
    if ((gsize)(end - p) >= n && memcmp(p, names[i], n) == 0)
      return n;
  }
  if (end - p < 4 || p[1] != '#')
    return 0;
  gboolean hex = p[2] == 'x';
  const char *q = p + (hex ? 3 : 2), *digits = q;
  guint64 c = 0;
  while (q < end && (hex ? g_ascii_isxdigit(*q) : g_ascii_isdigit(*q)) && c <= 0x10FFFF) {
    c = c * (hex ? 16 : 10) + (guint64)(hex ? g_ascii_xdigit_value(*q) : g_ascii_digit_value(*q));
    q++;
  }
  gboolean valid = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
                   (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
  return q > digits && q < end && *q == ';' && valid ? (gsize)(q + 1 - p) : 0;
}

/* Graphviz writes node names into <title> elements and comments with an escaper that leaves
 * anything shaped like "&name;" alone, so an id such as "a&nbsp;b" would make the SVG
 * ill-formed. Comments go; in titles, an & that starts no reference XML knows becomes &amp;. */
static GBytes *
fix_svg(const char *svg, gsize len)
{
  GString *out = g_string_sized_new(len + 256);
  const char *p = svg, *end = svg + len;
  while (p < end) {
    if (*p == '<' && end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
      const char *close = g_strstr_len(p + 4, end - p - 4, "-->");
      p = close ? close + 3 : end;
      if (p < end && *p == '\n')
        p++;
      continue;
    }
    if (*p == '<' && end - p >= 7 && memcmp(p, "<title>", 7) == 0) {
      const char *close = g_strstr_len(p + 7, end - p - 7, "</title>");
      const char *stop = close ? close : end;
      g_string_append_len(out, p, 7);
      for (p += 7; p < stop; p++) {
        gsize ref = *p == '&' ? xml_reference_length(p, stop) : 1;
        if (ref == 0)
          g_string_append(out, "&amp;");
        else
          g_string_append_len(out, p, (gssize)ref);
        p += ref > 0 ? ref - 1 : 0;
      }
      continue;
    }
    g_string_append_c(out, *p++);
  }
  return g_string_free_to_bytes(out);
}

/* cgraph 2.43 reads no quoted string over 16,384 bytes: a longer one is written as pieces
 * joined the DOT way, "..." + "...", each cut at a character boundary and never inside an escape
 * pair. HTML-like strings cannot be joined; their texts are bounded where they are built. */
#define DOT_PIECE 8192

static GString *
split_long_strings(const GString *dot)
{
  GString *out = g_string_sized_new(dot->len + 64);
  const char *p = dot->str, *end = dot->str + dot->len;
  while (p < end) {
    if (*p != '"') {
      g_string_append_c(out, *p++);
      continue;
    }
    const char *q = p + 1; /* the closing quote */
    while (q < end && *q != '"')
      q += *q == '\\' && q + 1 < end ? 2 : 1;
    if (q - p - 1 <= DOT_PIECE) {
      g_string_append_len(out, p, MIN(q + 1, end) - p);
      p = MIN(q + 1, end);
      continue;
    }
    g_string_append_c(out, '"');
    const char *s = p + 1, *piece = s;
    while (s < q) {
      gsize step = *s == '\\' && s + 1 < q ? 2 : 1;
      /* cut before a byte that starts a character, once the piece is long enough */
      if (s - piece >= DOT_PIECE && (*(const guchar *)s & 0xC0) != 0x80) {
        g_string_append_len(out, piece, s - piece);
        g_string_append(out, "\" + \"");
        piece = s;
      }
      s += step;
    }
    g_string_append_len(out, piece, q - piece);
    g_string_append_c(out, '"');
    p = MIN(q + 1, end);
  }
  return out;
}

static GBytes *
write_dot(Agraph_t *g, const CmMapStyle *style, GError **error)
{
  g_autoptr(GString) out = g_string_new(NULL);
  /* cgraph wraps strings longer than 128 bytes with a backslash-newline, and a line break of the
   * text next to that point is lost when the DOT is read back; linelength=0 turns wrapping off */
  agattr(g, AGRAPH, "linelength", "0");
  /* no layout, no viewport: size and ratio make dot draw it 16:9, to within rounding */
  if (style->slide) {
    cm_map__set(g, "size", "13.333,7.5!");
    cm_map__set(g, "ratio", "fill");
    cm_map__set(g, "margin", "0");
  }
  int rc = agwrite(g, out);
  if (style->slide) { /* the other formats of this layout set their own */
    cm_map__set(g, "size", "");
    cm_map__set(g, "ratio", "");
  }
  agattr(g, AGRAPH, "linelength", "");
  if (rc != 0) {
    graphviz_error(error, N_("write the graph"));
    return NULL;
  }
  GString *split = split_long_strings(out);
  return g_string_free_to_bytes(split);
}

/* Pixel bounds of SPEC section 5: a PNG is at most 4096 px a side, and its smallest text (9 pt,
 * the least any label uses) at least 9 px high; on a slide 1920x1080 px. */
#define MAX_PNG_SIDE 4096.0
#define MIN_TEXT_PX 9.0
#define MIN_FONT_PT 9.0

/* How far the drawing of g must shrink to fit its bounds (1: not at all). */
static double
fit_zoom(Agraph_t *g, const CmMapStyle *style)
{
  boxf bb = GD_bb(g);
  double w = MAX(bb.UR.x - bb.LL.x, 1.0), h = MAX(bb.UR.y - bb.LL.y, 1.0);
  if (style->slide)
    return MIN(MIN((SLIDE_WIDTH - 2 * SLIDE_MARGIN) / w, (SLIDE_HEIGHT - 2 * SLIDE_MARGIN) / h),
               SLIDE_MAX_ZOOM);
  double px_per_pt = g_ascii_strtod(PNG_DPI, NULL) / 72.0;
  double pad = 2 * 0.3 * 72; /* pad="0.3" inches on each side */
  return MIN(1.0, MAX_PNG_SIDE / ((MAX(w, h) + pad) * px_per_pt));
}

gboolean
cm_map__fits(Agraph_t *g, const CmMapStyle *style)
{
  double zoom = fit_zoom(g, style);
  double px_per_pt = style->slide ? 2.0 : g_ascii_strtod(PNG_DPI, NULL) / 72.0;
  return MIN_FONT_PT * px_per_pt * zoom >= MIN_TEXT_PX - 1e-9;
}

/* A PNG too large for MAX_PNG_SIDE: the whole drawing, zoomed out through a viewport. */
static void
set_bounded_viewport(Agraph_t *g, double zoom)
{
  boxf bb = GD_bb(g);
  double pad = 0.3 * 72;
  double w = (bb.UR.x - bb.LL.x + 2 * pad) * zoom, h = (bb.UR.y - bb.LL.y + 2 * pad) * zoom;
  char viewport[200], z[G_ASCII_DTOSTR_BUF_SIZE], cx[G_ASCII_DTOSTR_BUF_SIZE],
      cy[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(z, sizeof z, "%.6f", zoom);
  g_ascii_formatd(cx, sizeof cx, "%.3f", (bb.LL.x + bb.UR.x) / 2);
  g_ascii_formatd(cy, sizeof cy, "%.3f", (bb.LL.y + bb.UR.y) / 2);
  g_snprintf(viewport, sizeof viewport, "%.0f,%.0f,%s,%s,%s", floor(w), floor(h), z, cx, cy);
  cm_map__set(g, "viewport", viewport);
  cm_map__set(g, "pad", "0");
}

/* Graphviz bounds that keep dot from pathological work on every map: a few network-simplex
 * and crossing-minimisation passes instead of unbounded ones (see docs/performance.md). */
static void
bound_layout(Agraph_t *g)
{
  if (!agget(g, "nslimit") || !*agget(g, "nslimit")) {
    cm_map__set(g, "nslimit", "4");
    cm_map__set(g, "nslimit1", "4");
  }
  if (!agget(g, "mclimit") || !*agget(g, "mclimit"))
    cm_map__set(g, "mclimit", "0.5");
  cm_map__set(g, "searchsize", "30");
}

CmMapFit
cm_map__render_formats(Agraph_t *g, const CmMapStyle *style, guint formats, gboolean must_fit,
                       GBytes **out, GError **error)
{
  GVC_t *gvc = get_context();
  reset_messages();
  for (guint f = 0; f < CM_MAP_FORMAT_COUNT; f++)
    out[f] = NULL;
  if (formats & (1u << CM_MAP_DOT)) {
    out[CM_MAP_DOT] = write_dot(g, style, error);
    if (!out[CM_MAP_DOT])
      return CM_MAP_FIT_ERROR;
  }
  if (!(formats & ~(1u << CM_MAP_DOT)))
    return CM_MAP_FIT_OK;
  if (style->slide) {
    cm_map__set(g, "margin", "0");
    /* no ratio: stretching the layout to 16:9 only made it bigger than its slide */
  }
  bound_layout(g);
  /* room to lay out and draw before Graphviz and cairo try, since they abort on failure */
  if (!cm_render__check_headroom(cm_render__headroom_bytes(agnnodes(g) + agnedges(g)), error)) {
    g_clear_pointer(&out[CM_MAP_DOT], g_bytes_unref);
    return CM_MAP_FIT_ERROR;
  }
  if (gvLayout(gvc, g, "dot") != 0) {
    graphviz_error(error, N_("lay out the map"));
    g_clear_pointer(&out[CM_MAP_DOT], g_bytes_unref);
    return CM_MAP_FIT_ERROR;
  }
  if (must_fit && !cm_map__fits(g, style)) {
    gvFreeLayout(gvc, g);
    g_clear_pointer(&out[CM_MAP_DOT], g_bytes_unref);
    return CM_MAP_FIT_TOO_BIG;
  }
  if (style->slide)
    set_slide_viewport(g);
  for (guint f = 0; f < CM_MAP_FORMAT_COUNT; f++) {
    if (f == CM_MAP_DOT || !(formats & (1u << f)))
      continue;
    /* the resolution is read at layout time; one layout serves every format, so set it here */
    GD_drawing(g)->dpi = f != CM_MAP_PNG ? 0.0
                         : style->slide  ? g_ascii_strtod(SLIDE_PNG_DPI, NULL)
                                         : g_ascii_strtod(PNG_DPI, NULL);
    double zoom = fit_zoom(g, style);
    if (!style->slide && f == CM_MAP_PNG && zoom < 1.0)
      set_bounded_viewport(g, zoom);
    if (f == CM_MAP_PNG) {
      boxf bb = GD_bb(g);
      gsize surface = cm_render__surface_bytes(bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y,
                                               GD_drawing(g)->dpi > 0 ? GD_drawing(g)->dpi : 96.0);
      if (!cm_render__check_headroom(surface + ((gsize)32 << 20), error)) {
        for (guint k = 0; k < CM_MAP_FORMAT_COUNT; k++)
          g_clear_pointer(&out[k], g_bytes_unref);
        gvFreeLayout(gvc, g);
        return CM_MAP_FIT_ERROR;
      }
    }
    char *data = NULL;
    unsigned int len = 0;
    if (gvRenderData(gvc, g, device_name((CmMapFormat)f), &data, &len) != 0 || !data || len == 0) {
      graphviz_error(error, N_("draw the map"));
      if (data)
        gvFreeRenderData(data);
      for (guint k = 0; k < CM_MAP_FORMAT_COUNT; k++)
        g_clear_pointer(&out[k], g_bytes_unref);
      gvFreeLayout(gvc, g);
      return CM_MAP_FIT_ERROR;
    }
    out[f] = f == CM_MAP_SVG ? fix_svg(data, len) : g_bytes_new(data, len);
    gvFreeRenderData(data);
    if (!style->slide && f == CM_MAP_PNG && zoom < 1.0) {
      cm_map__set(g, "viewport", "");
      cm_map__set(g, "pad", "0.3");
    }
  }
  gvFreeLayout(gvc, g);
  return CM_MAP_FIT_OK;
}

GBytes *
cm_map__render(Agraph_t *g, const CmMapStyle *style, GError **error)
{
  GBytes *out[CM_MAP_FORMAT_COUNT];
  CmMapFit fit = cm_map__render_formats(g, style, 1u << style->format, FALSE, out, error);
  agclose(g);
  return fit == CM_MAP_FIT_OK ? out[style->format] : NULL;
}
