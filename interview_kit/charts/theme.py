"""What every chart shares: the light and dark page themes, the overlay series styles
and the one PNG renderer (Agg, no pyplot, no display)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure


@dataclass(frozen=True)
class Theme:
    """Colours for one page theme (Voila's light or dark)."""

    background: str
    foreground: str
    grid: str
    neutral: str
    fill_alpha: float
    missing: str


THEMES: dict[str, Theme] = {
    "light": Theme("#ffffff", "#1a1a1a", "#c8c8c8", "#555555", 0.18, "#7a7a7a"),
    "dark": Theme("#111111", "#eeeeee", "#4a4a4a", "#bbbbbb", 0.28, "#9a9a9a"),
}

#: Overlay series: colours apart from each other AND from the category colours of
#: the spoke labels and arcs (Okabe-Ito blue, orange, green, pink: a series in one
#: of those read as "that category"), plus distinct dashes and markers, so the
#: series differ without relying on colour alone. Vermillion, indigo, wine
#: (Paul Tol's muted set), lighter on a dark page.
SERIES_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#D55E00", "-", "o"),
    ("#332288", "--", "s"),
    ("#882255", ":", "^"),
)
_SERIES_DARK = ("#FF6A3D", "#A99BFF", "#F2F2F2")
#: Each overlay series in words (a legend's text alternative): colour, line, marker.
_SERIES_WORDS = (
    "red-orange solid line, circles",
    "indigo dashed line, squares",
    "dark red (white on a dark page) dotted line, triangles",
)

#: The width (CSS px) a full-width chart gets on a 390 px wide phone, and the
#: smallest text size it may show there: every chart is drawn so that its
#: smallest text, scaled to that width, is at least ``MIN_TEXT_PX``.
PHONE_CHART_PX = 300
MIN_TEXT_PX = 11.0


def min_font_pt(width_in: float, phone_px: float = PHONE_CHART_PX) -> float:
    """The smallest font size (points) readable on a phone in a figure ``width_in``
    inches wide: the picture is scaled to ``phone_px`` there (a chart inside a
    collapsible section gets less than :data:`PHONE_CHART_PX`)."""
    return MIN_TEXT_PX * 72.0 * width_in / phone_px


def smallest_text_px(figure: Figure, shown_px: float = PHONE_CHART_PX) -> float:
    """The smallest visible text of ``figure`` in CSS px once the picture is shown
    ``shown_px`` wide (what a test compares with :data:`MIN_TEXT_PX`)."""
    from matplotlib.text import Text

    figure.draw_without_rendering()  # tick labels exist only once drawn
    width_in = figure.get_size_inches()[0]
    sizes = [
        float(t.get_fontsize())
        for t in figure.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return min(sizes) / 72.0 * shown_px / width_in if sizes else float("inf")


def series_words(index: int) -> str:
    """Overlay series ``index`` in words ("red-orange solid line, circles")."""
    return _SERIES_WORDS[index]


def get_theme(name: str) -> Theme:
    """The theme called ``name``; a ValueError naming the choices for any other."""
    try:
        return THEMES[name]
    except KeyError:
        raise ValueError(f"theme must be one of {', '.join(THEMES)} (got {name!r})") from None


def series_colour(index: int, theme: str) -> str:
    """The overlay colour of series ``index``: brighter on a dark page."""
    return _SERIES_DARK[index] if theme == "dark" else SERIES_STYLES[index][0]


def style_axes(ax, theme: Theme, fontsize: float) -> None:
    """Page colours and one text size for a Cartesian chart's frame, ticks and labels
    (the calibration and sensitivity charts: they followed no theme before)."""
    ax.set_facecolor(theme.background)
    for spine in ax.spines.values():
        spine.set_color(theme.grid)
    ax.tick_params(colors=theme.foreground, labelsize=fontsize)
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        text.set_color(theme.foreground)
        text.set_fontsize(fontsize)


def label_colour(colour: str, theme: Theme) -> str:
    """A category colour for text: as is on a light page, tinted toward white on a dark
    one (dark blue text on near-black is hard to read)."""
    from matplotlib.colors import to_hex, to_rgb

    if theme.background.lower() in ("#ffffff", "white"):
        return colour
    red, green, blue = (c + (1.0 - c) * 0.45 for c in to_rgb(colour))
    return to_hex((red, green, blue))


def figure_png(figure: Figure, dpi: float | None = None) -> bytes:
    """Render any Figure to PNG bytes (Agg; no pyplot, no display). The one PNG
    renderer for every chart module: ``dpi`` None keeps the figure's own."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi or figure.dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


#: Colours a palette PNG keeps: a chart's few flat colours and their anti-aliased
#: edges fit (the radar has under 2,000 distinct colours; 256 look the same).
PALETTE_COLOURS = 256


def _frame(rgba: Any, size: tuple[int, int]) -> Any:
    """A canvas's RGBA buffer as a PIL image, without copying it."""
    from PIL import Image  # a matplotlib dependency

    return Image.frombuffer("RGBA", size, rgba, "raw", "RGBA", 0, 1)


def stack_frame(stack: Any, rgba: Any, size: tuple[int, int], index: int, count: int) -> Any:
    """Copy a frame (an RGBA buffer) into row ``index`` of a picture ``count`` frames
    tall, made on the first call: samples for :func:`palette_of`, copied as they are
    drawn (no frame is kept whole)."""
    from PIL import Image

    if stack is None:
        stack = Image.new("RGB", (size[0], size[1] * count))
    stack.paste(_frame(rgba, size), (0, size[1] * index))
    return stack


def palette_of(samples: Any) -> Any:
    """One palette for a chart redrawn many times, chosen once from a picture of
    sample frames (:func:`stack_frame`) and given to :func:`pixels_png`. Choosing a
    palette is most of the cost of a palette PNG; mapping pixels onto a known one is
    several times cheaper, and no less faithful when the samples hold every colour
    the chart can draw."""
    from PIL import Image

    chosen = samples.quantize(
        PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    palette = Image.new("P", (1, 1))  # the colours only: the samples are not kept
    palette.putpalette(chosen.getpalette())
    return palette


def pixels_png(rgba: Any, size: tuple[int, int], palette: Any = None) -> bytes:
    """An opaque RGBA pixel buffer (``canvas.buffer_rgba()``) as a palette PNG.

    About a third of the bytes of an RGBA PNG and cheaper to encode: what a chart
    redrawn on every change sends to the page (and the page decodes) shrinks with it.
    The alpha channel is dropped: charts are drawn on an opaque background.
    ``palette`` (from :func:`palette_of`) maps the pixels onto known colours instead
    of choosing them again for every picture.
    """
    from PIL import Image

    pixels = _frame(rgba, size).convert("RGB")
    if palette is None:
        indexed = pixels.quantize(
            PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    else:
        indexed = pixels.quantize(palette=palette, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    indexed.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()
