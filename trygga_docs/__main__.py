"""``python -m trygga_docs`` is the ``trygga-docs`` command."""

from .cli import main

main()
