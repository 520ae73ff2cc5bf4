"""Web addresses of the manuals, checked on the web (``manualctl links``).

:mod:`~manualctl.check.web.uses` finds where each address is used (chapter bodies
through the one Markdown scanner, external chapters and see-also items through the
model), :mod:`~manualctl.check.web.lychee` asks lychee about the addresses not answered
recently, :mod:`~manualctl.check.web.state` keeps each address's last answer and since
when it fails, and :mod:`~manualctl.check.web.run` puts them together as findings.
"""
