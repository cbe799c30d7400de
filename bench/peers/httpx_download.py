"""httpx peer: one streamed GET of a large body, discarded chunk by chunk (constant memory)."""
import sys

import httpx


def main() -> int:
    received = 0
    with httpx.Client() as client:
        with client.stream("GET", sys.argv[1]) as response:
            for chunk in response.iter_raw(1 << 16):
                received += len(chunk)
    expected = int(sys.argv[2])
    if received != expected:
        print(f"received {received} bytes, expected {expected}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
