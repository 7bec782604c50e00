"""`python -m workflow` is `advies`."""

from workflow.cli import main

main()
