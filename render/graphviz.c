/* The process's one Graphviz context: layout with dot, rendering to memory, error capture.
 * Graphviz is not thread-safe; chainmap draws from one thread (batch uses processes). */
#include "cm_output.h"
#include "map_private.h"

#include <graphviz/gvc.h>
#include <math.h>

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
  g_autofree char *text = message_text("no message");
  g_set_error(error, CM_RENDER_ERROR, CM_RENDER_ERROR_GRAPHVIZ, "Graphviz could not %s: %s", what,
              text);
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
    graph_disc = (Agdisc_t){&AgMemDisc, &AgIdDisc, &io_disc};
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
  g_ascii_formatd(cy, sizeof cy, "%.3f", (bb.LL.y + bb.UR.y) / 2);
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

static GBytes *
write_dot(Agraph_t *g, GError **error)
{
  GString *out = g_string_new(NULL);
  if (agwrite(g, out) != 0) {
    g_string_free(out, TRUE);
    graphviz_error(error, "write the graph");
    return NULL;
  }
  return g_string_free_to_bytes(out);
}

GBytes *
cm_map__render(Agraph_t *g, const CmMapStyle *style, GError **error)
{
  GVC_t *gvc = get_context();
  reset_messages();
  if (style->format == CM_MAP_DOT) {
    GBytes *dot = write_dot(g, error);
    agclose(g);
    return dot;
  }
  if (style->format == CM_MAP_PNG)
    cm_map__set(g, "dpi", style->slide ? SLIDE_PNG_DPI : PNG_DPI);
  if (style->slide)
    cm_map__set(g, "margin", "0");
  if (gvLayout(gvc, g, "dot") != 0) {
    graphviz_error(error, "lay out the map");
    agclose(g);
    return NULL;
  }
  if (style->slide)
    set_slide_viewport(g);
  char *data = NULL;
  unsigned int len = 0;
  GBytes *bytes = NULL;
  if (gvRenderData(gvc, g, device_name(style->format), &data, &len) != 0 || !data || len == 0)
    graphviz_error(error, "draw the map");
  else
    bytes = g_bytes_new(data, len);
  if (data)
    gvFreeRenderData(data);
  gvFreeLayout(gvc, g);
  agclose(g);
  return bytes;
}
