"""``python -m curriculum``."""

from curriculum.cli import main

main()
