"""The radar's cost per change, against references drawn in the same run (run by hand).

    .venv/bin/python benchmarks/bench_chart.py [--updates 200]

One ``RadarChart`` takes ``--updates`` changes (signals cycled through their levels,
as a person tries answers), timed per change as the dashboard pays it: ``update``
then ``to_png``. Beside it, on the same pictures:

- palette chosen per picture: the same blitted pixels encoded as the chart did
  before it kept one palette (``pixels_png`` without ``palette``);
- bare reference: what a plain notebook does on a change, the whole figure drawn
  and saved (``savefig``), as ``bare_reference.ipynb`` does.

The full draw leaves the kept background (a copy of pixels) as it was. Medians in
milliseconds, then the first picture of a new chart (background and
palette) and the PNG sizes. Nothing here is asserted: it prints figures.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from typing import Any

from interview_kit.charts.radar import RadarChart
from interview_kit.charts.theme import pixels_png
from interview_kit.core.signals import observed_signals


def values(step: int) -> dict[str, float | None]:
    """Step ``step`` of a person trying answers: each sign moves through the levels."""
    levels = (None, -2.0, -1.0, 0.0, 1.0, 2.0)
    return {s.id: levels[(step + 2 * n) % len(levels)] for n, s in enumerate(observed_signals())}


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args)
    return (time.perf_counter() - start) * 1000, result


def change(chart: RadarChart, step: int) -> bytes:
    """One change as the dashboard pays it."""
    return chart.update(values(step), title="Northwind").to_png()


def whole(chart: RadarChart) -> bytes:
    """The bare reference: the whole figure drawn and saved."""
    chart.canvas.draw()
    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format="png")
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=200)
    args = parser.parse_args(argv)

    firsts = [timed(RadarChart().to_png)[0] for _ in range(7)]
    chart = RadarChart()
    chart.to_png()
    figures: dict[str, list[float]] = {"kept": [], "encode": [], "per picture": [], "bare": []}
    sizes: dict[str, list[int]] = {"kept": [], "per picture": [], "bare": []}
    for step in range(args.updates):
        ms, png = timed(change, chart, step)
        figures["kept"].append(ms)
        sizes["kept"].append(len(png))
        pixels, size = chart.canvas.buffer_rgba(), chart.canvas.get_width_height()
        figures["encode"].append(timed(pixels_png, pixels, size, chart._palette)[0])
        ms, png = timed(pixels_png, pixels, size)
        figures["per picture"].append(ms)
        sizes["per picture"].append(len(png))
        ms, png = timed(whole, chart)
        figures["bare"].append(ms)
        sizes["bare"].append(len(png))
    median = statistics.median
    print(f"{args.updates} changes, medians (ms per change)")
    kept, bare = median(figures["kept"]), median(figures["bare"])
    print(f"  update + to_png (palette kept)     {kept:6.2f}")
    print(f"  of which encoding, palette kept    {median(figures['encode']):6.2f}")
    print(
        f"  encoding, palette per picture      {median(figures['per picture']):6.2f}   (as before)"
    )
    print(f"  bare reference (draw + savefig)    {bare:6.2f}   ratio {kept / bare:.2f}x")
    print(f"first picture of a new chart         {median(firsts):6.1f} ms (background, palette)")
    print("PNG bytes: " + ", ".join(f"{k} {median(v):,.0f}" for k, v in sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
