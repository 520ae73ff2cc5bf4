"""``python -m manualctl``: the same as the ``manualctl`` command."""

from manualctl.cli import main

main()
