"""``python -m cli`` runs the ``roster`` command (handy before the package is installed)."""

from cli.app import main

main()
