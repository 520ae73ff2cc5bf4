"""LibreOffice's own "accept all" and "reject all" on Word files, for the redline tests.

Headless LibreOffice, in a profile of its own made for the tests, runs a small Basic
macro (below) once per file and mode: open the file, count its tracked changes
(LibreOffice's list of them, ``Redlines``), accept all, reject all or leave them, and
save the text. Tests read the count and the text back.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MODES = ("accept", "reject", "keep")

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Redline"\
 script:language="StarBasic">
Sub Run(inPath As String, mode As String, outPath As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  n = doc.Redlines.Count
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  frame = doc.getCurrentController().getFrame()
  If mode = &quot;accept&quot; Then
    dispatcher.executeDispatch(frame, \
      &quot;.uno:AcceptAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  End If
  If mode = &quot;reject&quot; Then
    dispatcher.executeDispatch(frame, \
      &quot;.uno:RejectAllTrackedChanges&quot;, &quot;&quot;, 0, Array())
  End If
  Dim f(1) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot;
  f(0).Value = &quot;Text (encoded)&quot;
  f(1).Name = &quot;FilterOptions&quot;
  f(1).Value = &quot;UTF8,LF&quot;
  doc.storeToURL(ConvertToURL(outPath), f())
  fn = FreeFile
  Open outPath &amp; &quot;.count&quot; For Output As #fn
  Print #fn, n
  Close #fn
  doc.close(True)
End Sub
</script:module>
"""


def round_trip(files: Sequence[Path], work: Path) -> dict[tuple[Path, str], tuple[int, str]]:
    """(file, mode) -> (the number of changes LibreOffice lists, the text it saves)."""
    assert SOFFICE is not None
    profile = work / "profile"
    run = [str(SOFFICE), f"-env:UserInstallation=file://{profile}", "--headless"]
    subprocess.run([*run, "--terminate_after_init"], check=True, capture_output=True, timeout=300)
    for _ in range(600):  # LibreOffice finishes writing the new profile after it returns
        if not (profile / ".lock").exists():
            break
        time.sleep(0.1)
    basic = profile / "user" / "basic" / "Standard"
    (basic / "Redline.xba").write_text(_MACRO, encoding="utf-8")
    index = basic / "script.xlb"
    listing = index.read_text(encoding="utf-8")
    if 'library:name="Redline"' not in listing:
        listing = listing.replace(
            "</library:library>", ' <library:element library:name="Redline"/>\n</library:library>'
        )
        index.write_text(listing, encoding="utf-8")
    wanted: dict[tuple[Path, str], Path] = {}
    for number, path in enumerate(files):
        for mode in MODES:
            text = work / f"{number}-{mode}.txt"
            macro = f'macro:///Standard.Redline.Run("{path}","{mode}","{text}")'
            subprocess.run([*run, macro], check=True, capture_output=True, timeout=300)
            wanted[(path, mode)] = text
    found = {}
    for key, text in wanted.items():
        count = int(Path(f"{text}.count").read_text(encoding="utf-8").strip())
        found[key] = (count, text.read_text(encoding="utf-8-sig"))
    return found
