#!/usr/bin/env python3
"""Makes small seeds for the `pdf_open` fuzz target from generated reports (needs pypdf).

    fuzz/pdf_seeds.py [--whole-pages N] [--content-bytes B] [--max-bytes M] OUT_DIR REPORT.pdf...

A whole generated report as a seed costs the target 2-21 pages of text extraction, layout and
parsing per execution (15-70 ms), and most of its bytes are one embedded CJK font (65-75 KB of a
100-190 KB pdfium-route file; Chromium-route files embed more) that mutations can only break.
From each report this writes, in OUT_DIR:

- `<name>_all.pdf` (reports of at most `--whole-pages` pages): the report, font programs
  removed; pdfium then reads the text through each font's ToUnicode map and widths, as for a
  font that is not embedded. Keeps the seeds that reach the parsers of every section;
- `<name>_p<i>.pdf`: each page alone, font programs removed, streams as generated;
- `<name>_p<i>_cut.pdf`: the same page with its content stream decoded (mutations then change
  operators, numbers and strings rather than breaking zlib data) and cut after its first
  `--content-bytes` bytes at a line end;
- `<name>_p0_font.pdf`: the first page as generated (compressed, fonts embedded), so the font
  program and Flate paths keep seeds too.

Seeds over `--max-bytes` (the target's -max_len in `fuzz/run.sh`) are not kept. They are the
generator's own pages, objects and operators, only fewer and shorter.
"""

import argparse
import os
import sys

import pypdf
from pypdf.generic import DecodedStreamObject, NameObject


def strip_font_programs(page):
    """Removes /FontFile, /FontFile2 and /FontFile3 from every font the page uses."""
    fonts = page.get("/Resources", {}).get("/Font", {})
    for ref in fonts.values():
        font = ref.get_object()
        descendants = [d.get_object() for d in font.get("/DescendantFonts", [])]
        for f in [font, *descendants]:
            desc = f.get("/FontDescriptor")
            if desc is None:
                continue
            desc = desc.get_object()
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if key in desc:
                    del desc[key]


def cut_at_line(data, limit):
    """The first `limit` bytes of a content stream, ended at the last line end within them."""
    if len(data) <= limit:
        return data
    end = data.rfind(b"\n", 0, limit)
    return data[: end + 1] if end > 0 else data[:limit]


MAX_BYTES = None


def write(writer, path):
    """Writes the seed; one over MAX_BYTES (libFuzzer's -max_len would cut it) is dropped."""
    with open(path, "wb") as f:
        writer.write(f)
    if MAX_BYTES and os.path.getsize(path) > MAX_BYTES:
        os.remove(path)
        return 0
    return 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("reports", nargs="+")
    ap.add_argument("--content-bytes", type=int, default=6000)
    ap.add_argument("--whole-pages", type=int, default=32, help="whole reports of at most this many pages")
    ap.add_argument("--max-bytes", type=int, default=128 * 1024, help="larger seeds are not kept")
    args = ap.parse_args()
    global MAX_BYTES
    MAX_BYTES = args.max_bytes
    os.makedirs(args.out, exist_ok=True)
    made = 0
    for path in args.reports:
        name = os.path.basename(path).rsplit(".pdf", 1)[0].replace(".", "_")
        try:
            n_pages = len(pypdf.PdfReader(path).pages)
        except Exception as e:  # a broken input is not a seed source
            print(f"{path}: skipped ({type(e).__name__})", file=sys.stderr)
            continue
        if n_pages <= args.whole_pages:
            reader = pypdf.PdfReader(path)
            w = pypdf.PdfWriter()
            for page in reader.pages:
                strip_font_programs(page)
                w.add_page(page)
            made += write(w, os.path.join(args.out, f"{name}_all.pdf"))
        for i in range(n_pages):
            if i == 0:
                w = pypdf.PdfWriter()
                w.add_page(pypdf.PdfReader(path).pages[0])
                made += write(w, os.path.join(args.out, f"{name}_p0_font.pdf"))
            # A fresh reader per page: stripping fonts edits the shared objects in memory.
            page = pypdf.PdfReader(path).pages[i]
            strip_font_programs(page)
            w = pypdf.PdfWriter()
            w.add_page(page)
            made += write(w, os.path.join(args.out, f"{name}_p{i}.pdf"))
            out_page = w.pages[0]
            contents = out_page.get_contents()
            if contents is not None:
                s = DecodedStreamObject()
                s.set_data(cut_at_line(contents.get_data(), args.content_bytes))
                out_page[NameObject("/Contents")] = w._add_object(s)
                made += write(w, os.path.join(args.out, f"{name}_p{i}_cut.pdf"))
    print(f"{made} seeds in {args.out}")


if __name__ == "__main__":
    main()
