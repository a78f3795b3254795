#!/usr/bin/env python3
"""The batch index in a real browser: render a batch of the two samples, open OUTDIR/index.html in
headless Chromium and take a screenshot (a PNG of exactly the window size, read from its IHDR),
and check that every href and src in index.html resolves to a file under OUTDIR.

batch_browser.py --chainmap BIN --source SRC --work DIR [--chromium PATH]
Exit 0 pass, 1 fail, 77 skipped (no Chromium).
"""
import argparse
import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse

SKIP = 77
WIDTH, HEIGHT = 1280, 2000


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


class Links(html.parser.HTMLParser):
    """Every href and src, with the tag that holds it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, name, value))


def check_links(outdir, index):
    with open(index, encoding="utf-8") as f:
        text = f.read()
    parser = Links()
    parser.feed(text)
    parser.close()
    root = os.path.realpath(outdir)
    linked = set()
    anchors = set()
    for tag, name, value in parser.links:
        url = urllib.parse.urlsplit(value)
        if url.scheme or url.netloc:
            fail(f"<{tag} {name}=\"{value}\"> leaves OUTDIR (the index must work offline)")
        if not url.path:  # "#slug": a section of the page
            anchors.add(urllib.parse.unquote(url.fragment))
            continue
        rel = urllib.parse.unquote(url.path, errors="strict")
        if rel.startswith("/"):
            fail(f"<{tag} {name}=\"{value}\"> is an absolute path")
        target = os.path.realpath(os.path.join(outdir, rel))
        if os.path.commonpath([root, target]) != root:
            fail(f"<{tag} {name}=\"{value}\"> points outside OUTDIR")
        if not os.path.isfile(target):
            fail(f"<{tag} {name}=\"{value}\"> names no file ({target})")
        linked.add(os.path.relpath(target, root))
    # every "#slug" names a section id
    ids = set()

    class Ids(html.parser.HTMLParser):
        def handle_starttag(self, tag, attrs):
            for n, v in attrs:
                if n == "id" and v is not None:
                    ids.add(v)

    Ids().feed(text)
    for a in anchors:
        if a not in ids:
            fail(f"link to #{a}, but no element has that id")
    # the index links everything batch wrote (SPEC section 3)
    written = set()
    for dirpath, _, names in os.walk(root):
        for n in names:
            written.add(os.path.relpath(os.path.join(dirpath, n), root))
    written.discard("index.html")
    if written - linked:
        fail(f"files not linked from index.html: {sorted(written - linked)}")
    return len(linked)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(33)
    if len(head) < 33 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        fail(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chainmap", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    a = ap.parse_args()

    if not (os.path.isfile(a.chromium) and os.access(a.chromium, os.X_OK)):
        print(f"SKIPPED: no Chromium at {a.chromium} (apt-get install chromium, or set CHROMIUM)")
        return SKIP

    shutil.rmtree(a.work, ignore_errors=True)
    outdir = os.path.join(a.work, "out")
    samples = [os.path.join(a.source, "samples", s)
               for s in ("ningde-lithium", "zhoushan-petrochemical")]
    r = subprocess.run([a.chainmap, "batch", *samples, "-d", outdir, "-T", "svg,png"],
                       capture_output=True, text=True, timeout=600)
    sys.stdout.write(r.stderr)  # progress, and any sanitizer report for ctest to see
    if r.returncode != 0:
        fail(f"chainmap batch exited {r.returncode}")
    index = os.path.join(outdir, "index.html")
    if not os.path.isfile(index):
        fail("no index.html")

    files = check_links(outdir, index)
    # ningde-lithium: chain, leader-catl, leader-atl in svg and png, brief.html, gaps.md,
    # procurement.md (9); zhoushan-petrochemical: chain and leader-zpc in svg and png, the brief
    # and the two reports (7)
    if files != 16:
        fail(f"index.html links {files} distinct files, expected 16")
    print(f"index.html links all {files} files, each under OUTDIR")

    shot = os.path.join(a.work, "index.png")
    profile = tempfile.mkdtemp(prefix="chainmap-chromium-")
    try:
        cmd = [a.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
               f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}",
               "file://" + urllib.parse.quote(os.path.abspath(index))]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if r.returncode != 0 or not os.path.isfile(shot):
        fail(f"chromium exited {r.returncode} without a screenshot\n{r.stderr[-3000:]}")
    w, h = png_size(shot)
    if (w, h) != (WIDTH, HEIGHT):
        fail(f"screenshot is {w}x{h}, expected {WIDTH}x{HEIGHT}")
    print(f"screenshot {shot}: {w}x{h} PNG")
    return 0


if __name__ == "__main__":
    sys.exit(main())
