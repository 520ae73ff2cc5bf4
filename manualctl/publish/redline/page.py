"""The HTML redline: one self-contained, accessible page of the changes.

pandoc writes the compared tree as an HTML fragment (redline.lua makes each change an
``<ins>`` or ``<del>`` that also says "Inserted:"/"Deleted:" in words, hidden from sight
but read by screen readers, so nothing relies on colour or on a reader announcing the
elements); the page round it has the title, which editions are compared, a legend, and
a stylesheet: insertions underlined, deletions struck through, each with a marker
character too. No script, and a Content-Security-Policy that allows none.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from manualctl.editions.between import Between
from manualctl.publish.document import Document
from manualctl.publish.pandoc import run_pandoc

STYLE = """
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.5; max-width: 50em;
  margin: 0 auto; padding: 1em; color: #1a1a1a; background: #fff; }
ins { text-decoration: underline; text-decoration-thickness: 2px; background: #e6f4ea;
  color: #0b3d16; }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: #fce8e6;
  color: #5c0f0a; }
ins::before { content: "+"; font-weight: bold; }
del::before { content: "\\2212"; font-weight: bold; }
.change-cue { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
.legend, .chapter-change { border: 1px solid #555; padding: 0.5em 1em; }
.chapter-change { font-style: italic; }
.chapter-number { font-weight: normal; }
table { border-collapse: collapse; } td, th { border: 1px solid #555; padding: 0.25em; }
"""
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_page(
    source: str, args: Sequence[str], doc: Document, plan: Between, epoch: int
) -> bytes:
    """The page's bytes for the compared tree ``source`` (pandoc JSON)."""
    body = run_pandoc(source, "html5", list(args), root=doc.root, epoch=epoch).decode("utf-8")
    title = f"{doc.title}: {plan.description}"
    lang = html.escape(doc.metadata.get("lang", "en-GB"), quote=True)
    counts = ", ".join(
        f"{sum(1 for c in plan.chapters if c.status == s)} {s.lower()}"
        for s in dict.fromkeys(c.status for c in plan.chapters)
    )
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<p>{html.escape(doc.metadata.get("organisation", ""))}</p>
<h1>{html.escape(title)}</h1>
<p>{len(plan.chapters)} chapter(s): {html.escape(counts)}.</p>
</header>
<main>
<section class="legend" aria-labelledby="legend">
<h2 id="legend">How changes are shown</h2>
<ul>
<li><ins><span class="change-cue">Inserted: </span>Inserted text</ins> is underlined
and starts with a plus sign.</li>
<li><del><span class="change-cue">Deleted: </span>Deleted text</del> is struck through
and starts with a minus sign.</li>
<li>Screen readers say "Inserted:" and "Deleted:" before each change.</li>
</ul>
</section>
{body}
</main>
</body>
</html>
"""
    return page.encode("utf-8")
