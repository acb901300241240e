"""Draw the site's mark (a white leaf on a green square) into site/static/img/.

    .venv/bin/python scripts/make_site_icons.py

Writes favicon.svg, the PNG fallbacks browsers and phones ask for, and share-default.png,
the picture used when a shared page and the home page have no hero image. The leaf is a
vesica: two circular arcs of radius 24 between two corners of a 64-unit square, so the
SVG and the PNGs draw exactly the same shape. Made for this project; CC0 1.0.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "site" / "static" / "img"
GREEN = (11, 94, 85)  # --accent in clinic.css
WHITE = (255, 255, 255)
TINT = (243, 246, 245)  # --tint in clinic.css
SCALE = 8  # draw large, then shrink, for smooth edges

# Geometry in a 64 x 64 box.
TIP_LOW, TIP_HIGH, RADIUS = (18, 46), (46, 18), 24
STEM = ((12, 52), (19, 45))
MIDRIB = ((21, 43), (41, 23))
CORNER = 14

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="{CORNER}" fill="#0b5e55"/>
<path d="M{TIP_LOW[0]} {TIP_LOW[1]}A{RADIUS} {RADIUS} 0 0 1 {TIP_HIGH[0]} {TIP_HIGH[1]}\
A{RADIUS} {RADIUS} 0 0 1 {TIP_LOW[0]} {TIP_LOW[1]}Z" fill="#fff"/>
<path d="M{STEM[0][0]} {STEM[0][1]}L{STEM[1][0]} {STEM[1][1]}" stroke="#fff" \
stroke-width="3" stroke-linecap="round"/>
<path d="M{MIDRIB[0][0]} {MIDRIB[0][1]}L{MIDRIB[1][0]} {MIDRIB[1][1]}" stroke="#0b5e55" \
stroke-width="2.5" stroke-linecap="round"/>
</svg>
"""


def arc(start, end, radius, steps=48):
    """Points of the short clockwise arc from start to end (y pointing down, as in SVG)."""
    (x1, y1), (x2, y2) = start, end
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    half = math.dist(start, end) / 2
    offset = math.sqrt(radius**2 - half**2)
    # The centre lies to the right of the direction of travel for a clockwise arc.
    dx, dy = (x2 - x1) / (2 * half), (y2 - y1) / (2 * half)
    cx, cy = mx - dy * offset, my + dx * offset
    a1 = math.atan2(y1 - cy, x1 - cx)
    a2 = math.atan2(y2 - cy, x2 - cx)
    if a2 < a1:
        a2 += math.tau
    return [
        (
            cx + radius * math.cos(a1 + (a2 - a1) * i / steps),
            cy + radius * math.sin(a1 + (a2 - a1) * i / steps),
        )
        for i in range(steps + 1)
    ]


def draw_mark(draw, left, top, size, rounded=True):
    """The mark in a size x size square whose top-left corner is (left, top)."""
    unit = size / 64

    def at(point):
        return (left + point[0] * unit, top + point[1] * unit)

    box = (left, top, left + size - 1, top + size - 1)
    if rounded:
        draw.rounded_rectangle(box, radius=CORNER * unit, fill=GREEN)
    else:
        draw.rectangle(box, fill=GREEN)
    leaf = arc(TIP_LOW, TIP_HIGH, RADIUS) + arc(TIP_HIGH, TIP_LOW, RADIUS)
    draw.polygon([at(p) for p in leaf], fill=WHITE)
    for (start, end), colour, width in ((STEM, WHITE, 3), (MIDRIB, GREEN, 2.5)):
        draw.line([at(start), at(end)], fill=colour, width=round(width * unit))
        for point in (start, end):  # round caps
            x, y = at(point)
            r = width * unit / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def picture(width, height, background, mark_size, rounded=True):
    big = Image.new("RGBA", (width * SCALE, height * SCALE), background)
    left = (width - mark_size) / 2 * SCALE
    top = (height - mark_size) / 2 * SCALE
    draw_mark(ImageDraw.Draw(big), left, top, mark_size * SCALE, rounded)
    return big.resize((width, height), Image.LANCZOS)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(SVG)
    picture(32, 32, (0, 0, 0, 0), 32).save(OUT / "favicon-32.png", optimize=True)
    # iOS rounds the corners itself and shows transparency as black: fill the square.
    picture(180, 180, GREEN, 180, rounded=False).convert("RGB").save(
        OUT / "apple-touch-icon.png", optimize=True
    )
    share = picture(1200, 630, TINT, 300).convert("RGB")
    ImageDraw.Draw(share).rectangle((0, 614, 1199, 629), fill=GREEN)
    share.save(OUT / "share-default.png", optimize=True)


if __name__ == "__main__":
    main()
