"""What the benchmark drivers share: timing runs side by side."""
import time


def best_of_each(repeat, runs):
    """The best time of each of `runs`, taken in turns (one of each, `repeat` times), so that the
    machine's speed drifting during the measurement (it does, by 5-20% over a minute) weighs on all
    of them alike rather than on whichever ran during a slow stretch."""
    best = [float("inf")] * len(runs)
    for _ in range(repeat):
        for k, run in enumerate(runs):
            t = time.perf_counter()
            run()
            best[k] = min(best[k], time.perf_counter() - t)
    return best
