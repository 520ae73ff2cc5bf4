"""Write templates/fonts/word-fonts.zip: the Word edition's embedded fonts, compressed ahead.

Each face of Liberation Sans is stored as the Word file holds it (obfuscated, deflated),
so a publish copies it instead of compressing 1.6 MB again
(manualctl/publish/docx_fonts.py). Run after changing a font in templates/fonts:
    .venv/bin/python scripts/build_word_fonts.py
(tests/test_publish_docx_zip.py fails while the zip is older than its fonts; until then
publish compresses the changed face itself: correct, but about 15 ms slower a face).
"""

from __future__ import annotations

from manualctl.publish.docx_fonts import PACKED_FONTS, obfuscated_faces
from manualctl.publish.docx_zip import write_package
from manualctl.resources import fonts_dir

path = fonts_dir() / PACKED_FONTS
path.write_bytes(write_package(obfuscated_faces(), 0))
print(f"wrote {path}")
