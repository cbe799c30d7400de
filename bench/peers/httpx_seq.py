"""httpx peer: N sequential GETs with one reused httpx.Client (keep-alive), body read and discarded."""
import sys

import httpx


def main() -> int:
    url, count = sys.argv[1], int(sys.argv[2])
    with httpx.Client() as client:
        for _ in range(count):
            response = client.get(url)
            if response.status_code != 200:
                print(f"unexpected status {response.status_code}", file=sys.stderr)
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
