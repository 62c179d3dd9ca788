#!/usr/bin/python3
"""The benchmark's M/M/50 model in SimPy 2 (Debian's python3-simpy 2.3.1),
as the "DES library" reference point of docs/benchmarks.md.

50 servers, Poisson arrivals at 0.25 calls/s, exponential service with mean
180 s, no abandonment; WARMUP calls then CALLS counted. Prints calls/s.

    /usr/bin/python3 bench/reference/mmc_simpy2.py [CALLS] [WARMUP]
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, request, simulate

CALLS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
WARMUP = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
RATE, SERVICE, SERVERS = 0.25, 180.0, 50
waits = []


class Call(Process):
    def run(self, agents, counted, rng):
        arrived = now()
        yield request, self, agents
        if counted:
            waits.append(now() - arrived)
        yield hold, self, rng.expovariate(1.0 / SERVICE)
        yield release, self, agents


class Source(Process):
    def run(self, agents, rng):
        for i in range(WARMUP + CALLS):
            c = Call()
            activate(c, c.run(agents, i >= WARMUP, rng))
            yield hold, self, rng.expovariate(RATE)


def main():
    rng = random.Random(1)
    initialize()
    agents = Resource(capacity=SERVERS)
    src = Source()
    activate(src, src.run(agents, rng))
    start = time.perf_counter()
    simulate(until=1e12)
    wall = time.perf_counter() - start
    total = WARMUP + CALLS
    print(f"simpy2: {total} calls in {wall:.2f} s = {total / wall:.0f} calls/s; "
          f"mean wait {sum(waits) / len(waits):.2f} s")


if __name__ == "__main__":
    main()
