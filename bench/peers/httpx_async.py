"""httpx peer: N GETs through one httpx.AsyncClient, C concurrent tasks pulling from a shared counter."""
import asyncio
import sys

import httpx


async def run(url: str, count: int, concurrency: int) -> int:
    remaining = count
    failures = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits) as client:

        async def worker() -> None:
            nonlocal remaining, failures
            while remaining > 0:
                remaining -= 1
                response = await client.get(url)
                if response.status_code != 200:
                    failures += 1

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))
