"""Publishing: a manual becomes one document model, rendered by one pandoc run per format.

* :mod:`manualctl.publish.document` builds the document model (the pandoc input);
* :mod:`manualctl.publish.pandoc` runs the pandoc bundled with pypandoc-binary;
* ``filters/`` holds manualctl's own pinned Lua filters (never a manual's);
* :mod:`manualctl.publish.docx` finishes the Word edition with python-docx.
"""
