"""The one YAML reader (data fast, positions on error) and the one block-YAML text editor.

:mod:`.reader` parses, :mod:`.position` finds where a value sits, :mod:`.scalar` writes one
value, :mod:`.editor` changes text in place. Only these modules import a YAML library.
"""
