"""httpx peer: one GET in a whole Python process (start-up cost)."""
import sys

import httpx

sys.exit(0 if httpx.get(sys.argv[1]).status_code == 200 else 1)
