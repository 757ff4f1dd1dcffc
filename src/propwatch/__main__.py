"""``python -m propwatch`` runs the command line."""

from propwatch.cli.main import main

main()
