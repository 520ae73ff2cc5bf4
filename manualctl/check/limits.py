"""The limits that keep every command's time and memory bounded, whatever the input.

A manual is text written by people: no real chapter comes near these, and each one is
named in the message that reports it, so an author knows what to change.
"""

from __future__ import annotations

#: one chapter file (a long chapter is about 100 KB)
MAX_CHAPTER_BYTES = 5_000_000
#: manual.yaml (200,000 contents entries are about 10 MB)
MAX_MANUAL_BYTES = 50_000_000
#: a chapter or manual id (the schemas say the same): it names files and edition tags
MAX_ID_LENGTH = 200
#: lists, quotes and boxes inside one another, counted together (Typst stops at about 15
#: quotes, 30 lists or boxes, with "maximum show rule depth exceeded"; Word numbers 9 list
#: levels)
MAX_NESTING = 12
#: characters in a run of text with no space (outside code and link addresses): the PDF
#: lays out a longer one in time that grows with its square (50,000 took Typst 7 s)
MAX_WORD = 1_000
#: findings of one rule that validate lists for one file; one more finding counts the rest
#: (a 200,000-entry manual.yaml naming no file that exists is one mistake, not 200,000)
MAX_FINDINGS_PER_RULE = 100
#: seconds a whole publish may take by default (publish --time-limit): every pandoc run
#: and Typst compile counts (the sample manuals take seconds)
PUBLISH_SECONDS = 1800
