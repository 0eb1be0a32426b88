"""``python -m parlgraph``: the same as the ``parlgraph`` command."""

from parlgraph.cli import main

main()
