"""``python -m trygga_docs`` is the ``trygga-docs`` command."""

from trygga_docs.cli import main

main()
