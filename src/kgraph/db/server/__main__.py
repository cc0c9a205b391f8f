"""``python -m kgraph.db.server SPEC``: the supervisor of one managed instance."""

import sys

from kgraph.db.server.supervisor import main

sys.exit(main(sys.argv))
