"""Draw the demo clinic's illustrations into demo/images/.

    .venv/bin/python scripts/make_demo_images.py

Soft abstract and botanical shapes (gradients, circles, leaves, waves) in a calm palette
for the home page, treatments and journal posts, and flat illustrated portraits of the
four practitioners, who are made up: no photographs, no likenesses of real people, no
text. The output is the same on every run (fixed random seeds), so the images can be
rebuilt at any time. They were made for this project and are released under CC0 1.0:
see demo/images/LICENCE.md.

The before-and-after pairs of the demo's results gallery are abstract patches of skin
texture (a smooth field with pores, dimples or fine lines that become fewer and softer in
the after picture): illustrations, not photographs of anyone.

Each image's alt text in the demo content describes what is drawn here; `ALT` below
keeps the two side by side, so change both together.
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

OUT = Path(__file__).resolve().parent.parent / "demo" / "images"
HERO = (1200, 675)
PORTRAIT = (600, 600)
SCALE = 2  # draw at twice the size, then shrink, for smooth edges
QUALITY = 80

CREAM = (247, 241, 229)
LINEN = (237, 227, 209)
SAND = (228, 207, 170)
SAGE_PALE = (214, 223, 200)
SAGE_LIGHT = (190, 204, 170)
SAGE = (150, 172, 132)
SAGE_DARK = (92, 116, 87)
JADE = (131, 172, 146)
TERRACOTTA = (199, 117, 86)
CLAY = (226, 168, 136)
ROSE = (231, 189, 178)

ALT = {
    "home": (
        "Abstract illustration of sage-green leafy sprigs beside a soft terracotta sun "
        "on a cream background"
    ),
    "facial-acupuncture": (
        "Abstract illustration of fine slanting lines tipped with small terracotta dots "
        "beside two sage leaves, over soft circles on a pale green background"
    ),
    "facial-massage": (
        "Abstract illustration of gently flowing waves in sage, sand and terracotta "
        "beneath a pale pink sun on a cream background"
    ),
    "microneedling": (
        "Abstract illustration of a grid of tiny grey-green dots beside a large sage leaf "
        "and a soft terracotta circle on a cream background"
    ),
    "blog-gua-sha": (
        "Abstract illustration of two smooth oval stones, one jade green and one rose "
        "pink, between sprigs of sage leaves on a cream background"
    ),
    "blog-sun-care": (
        "Abstract illustration of a warm terracotta sun with soft rings beside a column "
        "of sage-green leaves on a sand-coloured background"
    ),
    "blog-jaw-tension": (
        "Abstract illustration of a terracotta line that starts as a tight coil and loosens "
        "into a gentle wave, between sprigs of sage leaves on a pale green and cream background"
    ),
    "blog-evening-massage": (
        "Abstract illustration of a golden drop of oil above gently sweeping bands of sand, "
        "clay and sage, under a pale crescent moon in a dusky pink sky"
    ),
    "blog-aftercare-weeks": (
        "Abstract illustration of a row of six circles fading from warm pink to calm sage "
        "green, between sprigs of sage leaves on a cream background"
    ),
    "blog-dermaroller": (
        "Abstract illustration of a small sage-green roller studded with tiny dots, leaving a "
        "dotted trail along the top of layered pink, clay, sand and pale green bands on a "
        "cream background"
    ),
    "team-imogen-hart": (
        "Illustrated portrait of a smiling woman with a copper-red bob, round glasses and "
        "freckles, wearing a dusky pink knitted jumper, against a sage-green circle on a "
        "cream background"
    ),
    "team-priya-nair": (
        "Illustrated portrait of a smiling woman with dark hair in a long plait over one "
        "shoulder and small gold earrings, wearing a teal clinic tunic with a pen in its "
        "pocket, against a cream circle on a pale sage background"
    ),
    "team-tomasz-kowal": (
        "Illustrated portrait of a smiling man with short brown hair and a neat beard, "
        "wearing a dark green tunic that fastens at the side, against a cream circle on a "
        "sand-coloured background, with a leafy sprig"
    ),
    "team-ellen-okafor": (
        "Illustrated portrait of a smiling woman with a cloud of dark curly hair held back "
        "by a pale pink headband, and small gold earrings, wearing a terracotta roll-neck "
        "jumper, against a jade-green circle on a linen background, with a leafy sprig"
    ),
    **{
        f"result-{name}-{when}": alt
        for name, pair in {
            "acne-scars": (
                "Illustration of a patch of skin texture scattered with many small round "
                "dimples, some deep and dark",
                "The same patch of skin texture with fewer, shallower and paler dimples",
            ),
            "fine-lines": (
                "Illustration of a patch of skin texture crossed by several fine wavy lines",
                "The same patch of skin texture with fewer, fainter and shorter fine lines",
            ),
            "acupuncture-lines": (
                "Illustration of a patch of skin texture with deep creases fanning out from "
                "its left edge",
                "The same patch of skin texture with softer, lighter creases",
            ),
            "uneven-tone": (
                "Illustration of a patch of skin texture with scattered blotches of darker tone",
                "The same patch of skin texture with fewer and paler blotches",
            ),
        }.items()
        for when, alt in zip(("before", "after"), pair, strict=True)
    },
}


# --- drawing helpers ------------------------------------------------------------------


def canvas(size):
    return (size[0] * SCALE, size[1] * SCALE)


def gradient(size, start, end, angle=90):
    """A linear gradient from start to end colour; angle 90 runs top to bottom."""
    w, h = size
    side = int(math.hypot(w, h)) + 2
    mask = Image.linear_gradient("L").resize((side, side)).rotate(90 - angle)
    left, top = (side - w) // 2, (side - h) // 2
    mask = mask.crop((left, top, left + w, top + h))
    return Image.composite(Image.new("RGB", size, end), Image.new("RGB", size, start), mask)


def layer(size, colour=(0, 0, 0)):
    """A transparent layer. Give the colour about to be drawn on it when the layer will be
    blurred or rotated, so its soft edges fade to that colour rather than to black."""
    return Image.new("RGBA", size, (*colour, 0))


def soft_circle(img, centre, radius, colour, alpha=255, blur=0):
    """A filled circle, optionally blurred, laid over img (RGBA)."""
    lay = layer(img.size, colour)
    x, y = centre
    ImageDraw.Draw(lay).ellipse(
        (x - radius, y - radius, x + radius, y + radius), fill=(*colour, alpha)
    )
    if blur:
        lay = lay.filter(ImageFilter.GaussianBlur(blur))
    img.alpha_composite(lay)


def leaf_points(centre, length, width, angle, steps=40):
    """Outline of a pointed leaf along `angle` (degrees), centred on centre."""
    cx, cy = centre
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    upper, lower = [], []
    for i in range(steps + 1):
        t = i / steps
        u = (t - 0.5) * length
        half = width / 2 * math.sin(math.pi * t) ** 0.9
        for side, pts in ((1, upper), (-1, lower)):
            v = side * half
            pts.append((cx + u * ca - v * sa, cy + u * sa + v * ca))
    return upper + lower[::-1]


def leaf(img, centre, length, width, angle, colour, alpha=255, vein=None, detail=False):
    """A leaf, with a midrib in the vein colour; with detail, side veins and a soft shadow
    too (for the large leaves that stand on their own)."""
    outline_points = leaf_points(centre, length, width, angle)
    if detail:
        shadow = layer(img.size, SAGE_DARK)
        drop = [(x + width * 0.06, y + width * 0.12) for x, y in outline_points]
        ImageDraw.Draw(shadow).polygon(drop, fill=(*SAGE_DARK, 50))
        img.alpha_composite(shadow.filter(ImageFilter.GaussianBlur(width * 0.08)))
    lay = layer(img.size)
    ImageDraw.Draw(lay).polygon(outline_points, fill=(*colour, alpha))
    img.alpha_composite(lay)
    if not vein:
        return
    # On a layer of their own, so the see-through side veins show the leaf beneath.
    lay = layer(img.size)
    d = ImageDraw.Draw(lay)
    a = math.radians(angle)
    ca, sa = math.cos(a), math.sin(a)
    cx, cy = centre
    line_width = max(2, int(width / 28))
    dx, dy = ca * length * 0.42, sa * length * 0.42
    d.line((cx - dx, cy - dy, cx + dx, cy + dy), fill=(*vein, alpha), width=line_width)
    for k in range(-3, 4) if detail else ():
        u = k * length * 0.1  # along the midrib
        reach = width * 0.24 * (1 - abs(k) / 5)
        for side in (-1, 1):
            x0, y0 = cx + u * ca, cy + u * sa
            x1 = x0 + reach * 1.4 * ca - side * reach * sa
            y1 = y0 + reach * 1.4 * sa + side * reach * ca
            d.line((x0, y0, x1, y1), fill=(*vein, alpha // 2), width=line_width)
    img.alpha_composite(lay)


def sprig(img, rng, base, angle, length, colour, leaf_size, leaves=6, alpha=255, vein=None):
    """A gently curving stem with leaves in pairs along it."""
    bend = rng.uniform(-0.35, 0.35)
    points = []
    for i in range(41):
        t = i / 40
        a = math.radians(angle) + bend * t
        if not points:
            points.append(base)
        x, y = points[-1]
        points.append((x + math.cos(a) * length / 40, y + math.sin(a) * length / 40))
    lay = layer(img.size)
    ImageDraw.Draw(lay).line(points, fill=(*colour, alpha), width=max(3, int(leaf_size / 14)))
    img.alpha_composite(lay)
    for n in range(leaves):
        t = 0.25 + 0.75 * n / max(1, leaves - 1)
        x, y = points[int(t * 40)]
        stem_angle = angle + math.degrees(bend * t)
        size = leaf_size * (1.05 - 0.45 * t) * rng.uniform(0.9, 1.1)
        for side in (-1, 1):
            a = stem_angle + side * rng.uniform(38, 52)
            off = math.radians(a)
            c = (x + math.cos(off) * size * 0.48, y + math.sin(off) * size * 0.48)
            leaf(img, c, size, size * 0.42, a, colour, alpha, vein)
    tip = points[-1]
    leaf(img, tip, leaf_size * 0.55, leaf_size * 0.24, angle + math.degrees(bend), colour, alpha)


# Shapes below are given in the finished picture's pixels; `at` scales them to the canvas.


def at(points):
    return [(x * SCALE, y * SCALE) for x, y in points]


def spline(points, steps=12, closed=False):
    """A smooth (Catmull-Rom) curve through points, as canvas points."""
    pts = at(points)
    ext = [pts[-1], *pts, pts[0], pts[1]] if closed else [pts[0], *pts, pts[-1]]
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1 : i + 3]
        for s in range(steps):
            t = s / steps
            out.append(
                tuple(
                    p1[k]
                    + 0.5 * (p2[k] - p0[k]) * t
                    + (p0[k] - 2.5 * p1[k] + 2 * p2[k] - 0.5 * p3[k]) * t * t
                    + 0.5 * (3 * p1[k] - p0[k] - 3 * p2[k] + p3[k]) * t * t * t
                    for k in (0, 1)
                )
            )
    if not closed:
        out.append(pts[-1])
    return out


def outline(*runs):
    """A closed outline of smooth runs that meet at corners, as canvas points."""
    return [p for run in runs for p in spline(run)]


def ribbon(points, widths):
    """The outline of a stroke along a smooth curve, as wide as widths at its start, middle
    and end."""
    pts = spline(points)
    n = len(pts) - 1
    w0, w1, w2 = (w * SCALE / 2 for w in widths)
    upper, lower = [], []
    for i, (x, y) in enumerate(pts):
        t = i / n
        w = w0 + (w1 - w0) * 2 * t if t < 0.5 else w1 + (w2 - w1) * (2 * t - 1)
        (ax, ay), (bx, by) = pts[max(0, i - 1)], pts[min(n, i + 1)]
        norm = math.hypot(bx - ax, by - ay) or 1
        nx, ny = (ay - by) / norm * w, (bx - ax) / norm * w
        upper.append((x + nx, y + ny))
        lower.append((x - nx, y - ny))
    return upper + lower[::-1]


def mask(size, polygon=None, ellipse=None, line=None, width=0):
    """A greyscale mask of a polygon or a round-ended line of that width (canvas points, as
    from spline, outline or ribbon), or of an ellipse ((x, y), rx, ry) in picture pixels."""
    m = Image.new("L", size, 0)
    d = ImageDraw.Draw(m)
    if polygon:
        d.polygon(polygon, fill=255)
    if ellipse:
        (x, y), rx, ry = ellipse
        d.ellipse(at([(x - rx, y - ry), (x + rx, y + ry)]), fill=255)
    if line:
        r = width * SCALE / 2
        d.line(line, fill=255, width=round(2 * r), joint="curve")
        for x, y in (line[0], line[-1]):
            d.ellipse((x - r, y - r, x + r, y + r), fill=255)
    return m


def without(m, hole):
    return ImageChops.subtract(m, hole)


def paint(img, m, colour, alpha=255, clip=None, blur=0):
    """Lay colour over img (opaque) through mask m: blurred by blur picture pixels, kept
    inside the mask clip, and see-through below alpha 255."""
    if blur:
        m = m.filter(ImageFilter.GaussianBlur(blur * SCALE))
    if clip is not None:
        m = ImageChops.multiply(m, clip)
    if alpha < 255:
        m = m.point(lambda v: v * alpha // 255)
    img.paste((*colour, 255), (0, 0, *img.size), m)


def shade(colour, factor):
    """colour darkened (factor below 1) or lightened towards white (above 1)."""
    if factor <= 1:
        return tuple(round(c * factor) for c in colour)
    return tuple(round(c + (255 - c) * (factor - 1)) for c in colour)


def finish(img, size, name):
    out = img.convert("RGB").resize(size, Image.LANCZOS)
    OUT.mkdir(parents=True, exist_ok=True)
    out.save(OUT / f"{name}.jpg", "JPEG", quality=QUALITY, optimize=True, progressive=True)


# --- the illustrations ----------------------------------------------------------------


def home(name):
    rng = random.Random(1)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, CREAM, LINEN, 100).convert("RGBA")
    soft_circle(img, (w * 0.72, h * 0.38), h * 0.30, CLAY, 150, blur=40)
    soft_circle(img, (w * 0.72, h * 0.38), h * 0.22, TERRACOTTA, 200, blur=12)
    soft_circle(img, (w * 0.18, h * 0.22), h * 0.10, SAGE_PALE, 180, blur=20)
    sprig(img, rng, (w * 0.20, h * 1.02), -70, h * 0.80, SAGE, h * 0.16, 6, 235, SAGE_LIGHT)
    sprig(img, rng, (w * 0.36, h * 1.04), -100, h * 0.55, SAGE_DARK, h * 0.12, 5, 220)
    sprig(img, rng, (w * 0.92, h * 1.04), -115, h * 0.45, SAGE_LIGHT, h * 0.11, 4, 230)
    finish(img, HERO, name)


def facial_acupuncture(name):
    rng = random.Random(2)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, SAGE_PALE, CREAM, 60).convert("RGBA")
    soft_circle(img, (w * 0.30, h * 0.55), h * 0.42, CREAM, 200, blur=50)
    soft_circle(img, (w * 0.78, h * 0.30), h * 0.20, CLAY, 120, blur=40)
    lay = layer(size)
    d = ImageDraw.Draw(lay)
    for i in range(9):
        x = w * (0.20 + 0.05 * i) + rng.uniform(-12, 12)
        y = h * (0.30 + 0.04 * math.sin(i)) + rng.uniform(-20, 20)
        length = h * rng.uniform(0.22, 0.34)
        a = math.radians(62 + rng.uniform(-4, 4))
        end = (x + math.cos(a) * length, y + math.sin(a) * length)
        d.line((x, y, *end), fill=(*SAGE_DARK, 200), width=3)
        r = rng.uniform(5, 9)
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*TERRACOTTA, 220))
    img.alpha_composite(lay)
    leaf(img, (w * 0.74, h * 0.66), h * 0.52, h * 0.20, -35, SAGE, 235, SAGE_LIGHT, True)
    leaf(img, (w * 0.86, h * 0.58), h * 0.38, h * 0.15, -70, SAGE_DARK, 220, SAGE, True)
    finish(img, HERO, name)


def facial_massage(name):
    size = canvas(HERO)
    w, h = size
    img = gradient(size, CREAM, LINEN, 90).convert("RGBA")
    soft_circle(img, (w * 0.66, h * 0.30), h * 0.16, ROSE, 190, blur=18)
    bands = [
        (0.52, SAGE_PALE, 255, 0.0),
        (0.60, SAND, 235, 1.2),
        (0.69, SAGE_LIGHT, 240, 2.1),
        (0.78, CLAY, 215, 3.3),
        (0.87, SAGE, 235, 4.0),
    ]
    for base, colour, alpha, phase in bands:
        lay = layer(size, colour)
        pts = [(0, h)]
        for i in range(121):
            x = w * i / 120
            y = h * base + h * 0.05 * math.sin(2 * math.pi * (x / w) * 1.4 + phase)
            pts.append((x, y + h * 0.02 * math.sin(2 * math.pi * (x / w) * 3.1 + phase)))
        pts.append((w, h))
        ImageDraw.Draw(lay).polygon(pts, fill=(*colour, alpha))
        img.alpha_composite(lay.filter(ImageFilter.GaussianBlur(2)))
    finish(img, HERO, name)


def microneedling(name):
    rng = random.Random(4)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, CREAM, SAGE_PALE, 20).convert("RGBA")
    soft_circle(img, (w * 0.80, h * 0.28), h * 0.24, CLAY, 170, blur=30)
    lay = layer(size)
    d = ImageDraw.Draw(lay)
    step = h / 16
    for row in range(15):
        for col in range(15):
            x = w * 0.08 + col * step
            y = h * 0.10 + row * step
            r = 3 + 4.5 * (1 - col / 14) + rng.uniform(-0.5, 0.5)
            d.ellipse((x - r, y - r, x + r, y + r), fill=(*SAGE_DARK, 150 + int(60 * row / 14)))
    img.alpha_composite(lay)
    leaf(img, (w * 0.70, h * 0.62), h * 0.80, h * 0.30, -28, SAGE, 240, SAGE_PALE, True)
    finish(img, HERO, name)


def blog_gua_sha(name):
    rng = random.Random(5)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, LINEN, CREAM, 120).convert("RGBA")
    sprig(img, rng, (w * 0.08, h * 0.95), -45, h * 0.75, SAGE, h * 0.15, 5, 220, SAGE_LIGHT)
    sprig(img, rng, (w * 0.98, h * 0.10), 150, h * 0.55, SAGE_LIGHT, h * 0.12, 4, 230)
    for (cx, cy), (rx, ry), colour, tilt in (
        ((0.40, 0.50), (0.17, 0.24), JADE, -14),
        ((0.66, 0.58), (0.15, 0.21), ROSE, 12),
    ):
        stone = layer(size, colour)
        sd = ImageDraw.Draw(stone)
        box = (w * cx - h * rx * 1.9, h * cy - h * ry, w * cx + h * rx * 1.9, h * cy + h * ry)
        sd.ellipse(box, fill=(*colour, 245))
        hx, hy = w * cx - h * rx * 0.5, h * cy - h * ry * 0.45
        highlight = layer(size, (255, 255, 255))
        ImageDraw.Draw(highlight).ellipse(
            (hx - h * 0.08, hy - h * 0.04, hx + h * 0.08, hy + h * 0.04),
            fill=(255, 255, 255, 90),
        )
        stone.alpha_composite(highlight.filter(ImageFilter.GaussianBlur(14)))
        stone = stone.rotate(tilt, center=(w * cx, h * cy), resample=Image.BICUBIC)
        shadow = layer(size, SAGE_DARK)
        ImageDraw.Draw(shadow).ellipse(
            (box[0] + 20, box[3] - 30, box[2] - 20, box[3] + 30), fill=(*SAGE_DARK, 60)
        )
        img.alpha_composite(shadow.filter(ImageFilter.GaussianBlur(24)))
        img.alpha_composite(stone)
    finish(img, HERO, name)


def blog_sun_care(name):
    rng = random.Random(6)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, SAND, CREAM, 90).convert("RGBA")
    centre = (w * 0.40, h * 0.46)
    for k, (r, alpha) in enumerate(((0.62, 70), (0.50, 90), (0.40, 120))):
        soft_circle(img, centre, h * r, CLAY if k < 2 else ROSE, alpha, blur=10)
    soft_circle(img, centre, h * 0.30, TERRACOTTA, 235, blur=4)
    for i in range(7):
        a = -160 + i * 22 + rng.uniform(-6, 6)
        c = (w * 0.80 + rng.uniform(-60, 60), h * (0.15 + i * 0.12))
        leaf(img, c, h * 0.42, h * 0.15, a, SAGE if i % 2 else SAGE_DARK, 205, SAGE_LIGHT)
    finish(img, HERO, name)


def blog_jaw_tension(name):
    """A tight coil that loosens into a gentle wave, for tension letting go."""
    rng = random.Random(7)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, SAGE_PALE, CREAM, 70).convert("RGBA")
    soft_circle(img, (w * 0.28, h * 0.48), h * 0.44, CREAM, 220, blur=50)
    soft_circle(img, (w * 0.78, h * 0.24), h * 0.16, CLAY, 150, blur=30)
    points = []
    for i in range(601):
        t = i / 600
        r = 64 * max(0, 1 - t / 0.45) ** 1.3  # the coil's loops shrink to nothing
        a = t * 2 * math.pi * 11
        wave = 40 * min(1, t / 0.45) * math.sin((t - 0.45) * 2 * math.pi * 2)
        points.append((110 + 1130 * t + r * math.cos(a), 350 + r * math.sin(a) + wave))
    paint(img, mask(size, line=at(points), width=9), TERRACOTTA, 235)
    sprig(img, rng, (w * 0.90, h * 1.03), -112, h * 0.48, SAGE, h * 0.13, 5, 235, SAGE_LIGHT)
    sprig(img, rng, (w * 0.06, h * 1.03), -64, h * 0.36, SAGE_DARK, h * 0.1, 4, 220)
    finish(img, HERO, name)


def blog_evening_massage(name):
    """A drop of oil above slow sweeping strokes, under a crescent moon at dusk."""
    rng = random.Random(8)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, ROSE, CREAM, 90).convert("RGBA")
    moon = without(
        mask(size, ellipse=((900, 150), 70, 70)), mask(size, ellipse=((932, 128), 62, 62))
    )
    paint(img, mask(size, ellipse=((900, 150), 110, 110)), CREAM, 90, blur=30)
    paint(img, moon, CREAM)
    for _ in range(9):
        x, y = rng.uniform(620, 1140), rng.uniform(40, 260)
        paint(img, mask(size, ellipse=((x, y), 3, 3)), CREAM, 220)
    for base, colour, alpha in ((430, SAND, 230), (500, CLAY, 220), (570, SAGE, 235)):
        sweep = [(-20, base + 90), (300, base), (640, base + 40), (960, base - 40), (1220, base)]
        band = outline(sweep, [(1220, 700), (-20, 700)])
        paint(img, mask(size, polygon=band), colour, alpha, blur=1)
    drop = [
        (340 + 50 * math.sin(t) * math.sin(t / 2) ** 1.5, 236 - 84 * math.cos(t))
        for t in (2 * math.pi * i / 120 for i in range(120))
    ]
    paint(img, mask(size, polygon=at(drop)), (224, 178, 112), 240)
    glint = ribbon([(318, 232), (322, 262), (336, 284)], (4, 10, 4))
    paint(img, mask(size, polygon=glint), CREAM, 190)
    sprig(img, rng, (w * 0.06, h * 1.02), -62, h * 0.5, SAGE_DARK, h * 0.1, 5, 220)
    finish(img, HERO, name)


def blog_aftercare_weeks(name):
    """Circles that fade from warm pink to calm green, as skin settles week by week."""
    rng = random.Random(9)
    size = canvas(HERO)
    w, h = size
    img = gradient(size, CREAM, LINEN, 100).convert("RGBA")
    steps = [ROSE, (234, 198, 182), (230, 210, 188), (222, 218, 192), SAGE_PALE, SAGE_LIGHT]
    centres = [(190 + i * 160, 350 - 50 * math.sin(math.pi * i / 5)) for i in range(6)]
    for (x, y), colour in zip(centres, steps, strict=True):
        paint(img, mask(size, ellipse=((x + 8, y + 16), 66, 66)), SAGE_DARK, 40, blur=12)
        paint(img, mask(size, ellipse=((x, y), 66, 66)), colour)
        paint(img, mask(size, ellipse=((x - 18, y - 20), 22, 15)), (255, 255, 255), 80, blur=6)
    sprig(img, rng, (w * 0.99, h * 1.03), -102, h * 0.42, SAGE, h * 0.11, 5, 235, SAGE_LIGHT)
    sprig(img, rng, (w * 0.04, h * 1.04), -66, h * 0.34, SAGE_DARK, h * 0.09, 4, 220)
    finish(img, HERO, name)


def blog_dermaroller(name):
    """A small studded roller that only marks the top of layered bands."""
    size = canvas(HERO)
    w, h = size
    img = gradient(size, CREAM, LINEN, 90).convert("RGBA")
    soft_circle(img, (w * 0.82, h * 0.22), h * 0.15, CLAY, 140, blur=30)
    layers = ((430, ROSE), (470, CLAY), (540, SAND), (610, SAGE_LIGHT))
    for top, colour in layers:
        edge = [(-20, top + 6), (300, top - 8), (640, top + 8), (960, top - 6), (1220, top + 4)]
        paint(img, mask(size, polygon=outline(edge, [(1220, 700), (-20, 700)])), colour)
    centre, radius = (640, 340), 82
    for i in range(24):
        a = 2 * math.pi * i / 24
        x, y = centre[0] + math.cos(a) * (radius + 9), centre[1] + math.sin(a) * (radius + 9)
        paint(img, mask(size, ellipse=((x, y), 5, 5)), SAGE_DARK)
    paint(img, mask(size, ellipse=(centre, radius, radius)), SAGE)
    paint(img, mask(size, ellipse=(centre, 30, 30)), SAGE_DARK)
    handle = [centre, (760, 220), (860, 120)]
    paint(img, mask(size, line=spline(handle), width=16), SAGE_DARK)
    paint(img, mask(size, line=spline([(830, 150), (900, 80)]), width=30), TERRACOTTA)
    for x in range(120, 540, 26):
        y = 430 + 8 * math.sin(x / 120)
        paint(img, mask(size, ellipse=((x, y - 4), 4, 4)), SAGE_DARK, 150)
    finish(img, HERO, name)


# --- portraits ------------------------------------------------------------------------
# Flat illustrations of made-up people (not likenesses of anyone), painted back to front
# in flat colours with one shadow tone. Coordinates are in the finished 600 × 600 picture.

# --- results: skin texture before and after ------------------------------------------------

RESULT = (800, 600)
SKIN_LIGHT = (241, 219, 200)
SKIN = (226, 196, 172)
SKIN_SHADOW = (176, 132, 110)


def skin_patch(rng, size):
    """A soft field of skin tone with fine pores, the same for a before and its after."""
    w, h = size
    img = gradient(size, SKIN_LIGHT, SKIN, 70).convert("RGBA")
    lay = layer(size, SKIN_SHADOW)
    d = ImageDraw.Draw(lay)
    for _ in range(900):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(1.5, 3.5)
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*SKIN_SHADOW, 45))
    img.alpha_composite(lay.filter(ImageFilter.GaussianBlur(1)))
    return img


def dimples(img, rng, count, after):
    """Round dimples (scars): after treatment a third fewer left, shallower and paler."""
    w, h = img.size
    lay = layer(img.size, SKIN_SHADOW)
    d = ImageDraw.Draw(lay)
    for index in range(count):
        x, y = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
        r, depth = rng.uniform(10, 26), rng.uniform(110, 200)
        if after:
            if index % 3 == 0:
                continue
            r, depth = r * 0.6, depth * 0.45
        d.ellipse((x - r, y - r, x + r, y + r), fill=(*SKIN_SHADOW, int(depth)))
        d.arc((x - r, y - r, x + r, y + r), 200, 340, fill=(*SKIN_LIGHT, 200), width=4)
    img.alpha_composite(lay.filter(ImageFilter.GaussianBlur(3)))


def creases(img, rng, count, after, fan=False):
    """Fine wavy lines (or lines fanning from a corner): after, fewer, shorter and fainter."""
    w, h = img.size
    lay = layer(img.size, SKIN_SHADOW)
    d = ImageDraw.Draw(lay)
    for index in range(count):
        if fan:
            angle = math.radians(-12 + index * 30 / count + rng.uniform(-3, 3))
            start, length = (w * 0.04, h * 0.5 + rng.uniform(-40, 40)), w * rng.uniform(0.5, 0.8)
        else:
            angle = math.radians(rng.uniform(-8, 8))
            start = (w * rng.uniform(0.05, 0.3), h * (0.12 + 0.76 * index / count))
            length = w * rng.uniform(0.45, 0.7)
        width, alpha = rng.uniform(3, 6), 190
        if after:
            if index % 2:
                continue
            length, width, alpha = length * 0.55, width * 0.6, 90
        points = []
        for step in range(41):
            t = step / 40
            x = start[0] + math.cos(angle) * length * t
            y = start[1] + math.sin(angle) * length * t + 6 * math.sin(t * 9 + index)
            points.append((x, y))
        d.line(points, fill=(*SKIN_SHADOW, alpha), width=round(width * SCALE), joint="curve")
    img.alpha_composite(lay.filter(ImageFilter.GaussianBlur(2)))


def blotches(img, rng, count, after):
    """Patches of darker tone: after, half of them gone and the rest paler."""
    for index in range(count):
        x, y = rng.uniform(0.1, 0.9) * img.size[0], rng.uniform(0.1, 0.9) * img.size[1]
        radius, alpha = rng.uniform(40, 90), 120
        if after:
            if index % 2:
                continue
            alpha = 50
        soft_circle(img, (x, y), radius, CLAY, alpha, blur=30)


def result_pair(name, seed, draw):
    """A before and an after of the same patch: the same pores, the change drawn by `draw`."""
    for when in ("before", "after"):
        size = canvas(RESULT)
        img = skin_patch(random.Random(seed), size)
        draw(img, random.Random(seed + 1), when == "after")
        finish(img, RESULT, f"result-{name}-{when}")


def results():
    result_pair("acne-scars", 31, lambda img, rng, after: dimples(img, rng, 28, after))
    result_pair("fine-lines", 32, lambda img, rng, after: creases(img, rng, 9, after))
    result_pair(
        "acupuncture-lines", 33, lambda img, rng, after: creases(img, rng, 7, after, fan=True)
    )
    result_pair("uneven-tone", 34, lambda img, rng, after: blotches(img, rng, 9, after))


HEAD_X = 300  # the face's centre line
EYE_Y = 262
INK = (44, 30, 28)  # eyes
TEETH = (250, 246, 238)
FACE = [(300, 148), (352, 156), (378, 196), (384, 252), (378, 298), (358, 332), (328, 352)]
FACE += [(300, 357)]  # its right half, top to chin
BODY = [(300, 400), (344, 402), (396, 414), (450, 436), (492, 472), (516, 530), (524, 640)]
BODY += [(300, 640)]
NECK = outline(
    [(266, 300), (264, 360), (256, 420), (236, 490)],
    [(364, 490), (344, 420), (336, 360), (334, 300)],
)
KNIT_NECK = [(258, 402), (274, 428), (300, 436), (326, 428), (342, 402)]
VEE = [(256, 400), (300, 470), (344, 400)]


def symmetric(right):
    """A smooth closed outline from its right half, listed from top to bottom centre."""
    left = [(2 * HEAD_X - x, y) for x, y in reversed(right[1:-1])]
    return spline(right + left, closed=True)


def fit(points, who):
    """Points on the face, moved in or out for this person's face width and jaw."""
    width, jaw = who.get("face", (1, 1))
    out = []
    for x, y in points:
        k = width * (1 + (jaw - 1) * min(1, max(0, (y - 250) / 100)))
        out.append((HEAD_X + (x - HEAD_X) * k, y))
    return out


def face_mask(size, who, drop=0):
    """The face's outline, optionally moved down by drop (for the shadow under the chin)."""
    return mask(size, polygon=symmetric([(x, y + drop) for x, y in fit(FACE, who)]))


# Hair styles: the whole mass of hair (painted behind the head), the opening it leaves
# for the face (what lies outside it is painted over the face), strands of sheen, and
# anything the style adds on top.


def hair_bob():
    """Chin-length, parted on one side and swept across the forehead."""
    mass = [(300, 116), (364, 124), (408, 168), (422, 236), (424, 300), (434, 352)]
    mass += [(420, 382), (390, 384), (350, 374), (300, 370)]
    opening = [(226, 640), (228, 330), (224, 272), (232, 226), (256, 200), (292, 190)]
    opening += [(324, 174), (338, 162), (354, 172), (370, 196), (380, 240), (378, 330)]
    opening += [(376, 640)]
    strands = [
        [(334, 160), (300, 170), (262, 192), (238, 230)],
        [(338, 154), (304, 150), (262, 162), (226, 200), (214, 260)],
        [(346, 158), (376, 178), (398, 226), (404, 300), (414, 350)],
        [(336, 146), (290, 138), (240, 156), (208, 206), (200, 290), (196, 356)],
    ]
    return symmetric(mass), outline(opening), strands, None


def hair_plait():
    """Parted in the middle and drawn back into a plait over one shoulder."""
    mass = [(300, 122), (356, 128), (398, 166), (406, 236), (400, 290), (380, 320), (300, 330)]
    opening = [(216, 640), (216, 290), (222, 240), (240, 202), (268, 180), (300, 174)]
    opening += [(332, 180), (360, 202), (378, 240), (384, 290), (384, 640)]
    strands = [
        [(296, 130), (258, 138), (228, 166), (212, 210), (208, 250)],
        [(304, 130), (342, 138), (372, 166), (388, 210), (392, 250)],
        [(294, 160), (266, 166), (244, 186), (230, 220)],
        [(306, 160), (334, 166), (356, 186), (370, 220)],
    ]
    return symmetric(mass), outline(opening), strands, plait


def hair_short():
    """Short at the sides, longer and swept back on top."""
    mass = [(300, 108), (348, 112), (384, 136), (398, 184), (394, 236), (390, 274)]
    mass += [(370, 284), (300, 284)]
    opening = [(226, 640), (224, 262), (226, 218), (242, 192), (274, 184), (300, 188)]
    opening += [(330, 180), (358, 188), (374, 212), (376, 262), (374, 640)]
    strands = [
        [(238, 178), (262, 140), (304, 124), (352, 132)],
        [(252, 186), (280, 156), (320, 144), (366, 156)],
        [(290, 182), (320, 162), (362, 166), (384, 196)],
    ]
    return symmetric(mass), outline(opening), strands, None


def hair_curls():
    """A rounded cloud of natural curls with a headband."""
    mass = []
    for i in range(360):
        a = math.radians(i)
        bump = 1 + 0.035 * math.sin(a * 14) ** 2 + 0.01 * math.sin(a * 5)
        mass.append((300 + math.cos(a) * 138 * bump, 200 + math.sin(a) * 122 * bump))
    opening = [(222, 640), (220, 282), (224, 230), (244, 194), (274, 174), (300, 170)]
    opening += [(326, 174), (356, 194), (376, 230), (380, 282), (378, 640)]
    return at(mass), outline(opening), [], curls


def hair(img, who, front):
    """The hair behind the head (front=False), or the hair over the face and its extras."""
    size = img.size
    mass, opening, strands, extra = who["hair_style"]()
    colour = who["hair"]
    whole = mask(size, polygon=mass)
    if not front:
        paint(img, whole, colour)
        nape = mask(size, ellipse=((300, 350), 96, 44))
        paint(img, nape, shade(colour, 0.75), clip=whole, blur=4)
        return
    over = without(whole, mask(size, polygon=opening))
    cast = over.transform(size, Image.AFFINE, (1, 0, 0, 0, 1, -6 * SCALE))  # moved down
    paint(img, cast, shade(who["skin"], 0.84), blur=3, clip=face_mask(size, who))
    paint(img, over, colour)
    for run in strands:
        paint(img, mask(size, polygon=ribbon(run, (1, 5, 1))), shade(colour, 1.22), 200, clip=over)
    if extra:
        extra(img, who, whole, over)


def curls(img, who, whole, over):
    """A headband over the crown, then small curls all over the hair around it."""
    size = img.size
    band = ribbon([(166, 196), (226, 140), (300, 124), (374, 140), (434, 196)], (20, 24, 20))
    on_hair = ImageChops.multiply(mask(size, polygon=band), whole)
    paint(img, on_hair, who["band"])
    lower = mask(size, polygon=[(x, y + 8 * SCALE) for x, y in band])
    paint(img, lower, shade(who["band"], 0.82), clip=on_hair)
    around = without(over, on_hair)
    rng = random.Random(11)
    for _ in range(240):
        a, r = rng.uniform(0, 2 * math.pi), rng.uniform(0.2, 1)
        x, y = 300 + math.cos(a) * 130 * r, 200 + math.sin(a) * 114 * r
        curl = ribbon([(x - 6, y + 2), (x - 2, y - 4), (x + 4, y - 4), (x + 6, y + 2)], (1, 3, 1))
        paint(img, mask(size, polygon=curl), shade(who["hair"], 1.25), 170, clip=around)


def plait(img, who, whole, over):
    """A plait brought forward over the shoulder: overlapping strands, tied at the end."""
    size = img.size
    colour, dark = who["hair"], shade(who["hair"], 0.55)
    route = [(256, 366), (240, 430), (226, 500), (218, 560)]
    paint(img, mask(size, polygon=ribbon(route, (30, 27, 20))), dark)
    path = spline(route, steps=40)
    n = len(path) - 1
    for k, i in enumerate(range(0, n - 6, 7)):
        (x, y), (x2, y2) = path[i], path[i + 3]
        d = math.atan2(y2 - y, x2 - x)
        side = 1 if k % 2 else -1  # strands cross from alternate sides
        width = (30 - 10 * i / n) * SCALE
        x, y = x - math.sin(d) * side * width * 0.22, y + math.cos(d) * side * width * 0.22
        angle = math.degrees(d) - side * 55
        for grow, tone in ((1.12, dark), (1, colour)):
            strand = leaf_points((x, y), width * 1.05 * grow, width * 0.62 * grow, angle)
            paint(img, mask(size, polygon=strand), tone)
        sheen = leaf_points((x, y), width * 0.55, width * 0.14, angle)
        paint(img, mask(size, polygon=sheen), shade(colour, 1.3), 150)
    x, y = (c / SCALE for c in path[n - 2])
    tail = [(x - 9, y), (x - 8, y + 26), (x, y + 44), (x + 8, y + 26), (x + 9, y)]
    paint(img, mask(size, polygon=spline(tail, closed=True)), colour)
    paint(img, mask(size, ellipse=((x, y), 11, 6)), who["tie"])


def clothes(img, who):
    """The top: a knit, a V-neck tunic, a side-fastening tunic or a roll neck."""
    size = img.size
    top, style = who["top"], who["top_style"]
    dark, darker = shade(top, 0.86), shade(top, 0.74)
    body = mask(size, polygon=symmetric(BODY))
    if style == "knit":
        body = without(body, mask(size, polygon=outline(KNIT_NECK, [(342, 380), (258, 380)])))
    elif style == "tunic":
        body = without(body, mask(size, polygon=at([(256, 380), *VEE, (344, 380)])))
    paint(img, body, top)
    for side in (-1, 1):  # the arms, in shadow at the sides
        arm = [(300 + side * 200, 470), (300 + side * 190, 540), (300 + side * 186, 640)]
        paint(img, mask(size, line=spline(arm), width=10), dark, 160, clip=body, blur=6)
    if style == "knit":
        for x in range(86, 520, 13):
            rib = spline([(x, 400), (x + (x - 300) * 0.05, 640)])
            paint(img, mask(size, line=rib, width=3), dark, 70, clip=body)
        paint(img, mask(size, polygon=ribbon(KNIT_NECK, (16, 16, 16))), dark)
        for x, y in spline(KNIT_NECK, steps=4):
            paint(img, mask(size, ellipse=((x / SCALE, y / SCALE), 1.4, 6)), darker, 120)
    elif style == "tunic":
        paint(img, mask(size, line=spline(VEE, steps=1), width=8), who["trim"])
        pocket = outline([(364, 506), (364, 556), (430, 556), (430, 506)])
        paint(img, mask(size, polygon=pocket), dark)
        hem = at([(364, 506), (430, 506), (430, 514), (364, 514)])
        paint(img, mask(size, polygon=hem), who["trim"])
        pen = spline([(382, 488), (382, 510)])
        paint(img, mask(size, line=pen, width=6), TERRACOTTA)
    elif style == "side fastening":
        collar = ribbon([(256, 392), (300, 410), (344, 392)], (20, 22, 20))
        paint(img, mask(size, polygon=collar), dark)
        seam = spline([(324, 406), (352, 450), (366, 520), (370, 640)])
        paint(img, mask(size, line=seam, width=4), shade(top, 0.7))
        for y in (440, 490, 545):
            paint(img, mask(size, ellipse=((340 + (y - 450) * 0.2, y), 5, 5)), shade(top, 1.45))
    elif style == "roll neck":
        roll = outline([(254, 352), (250, 420)], [(350, 420), (346, 352)])
        paint(img, mask(size, polygon=roll), dark)
        for x in range(258, 346, 9):
            paint(img, mask(size, line=spline([(x, 356), (x, 418)]), width=3), darker, 140)
        fold = ribbon([(246, 412), (300, 424), (354, 412)], (10, 12, 10))
        paint(img, mask(size, polygon=fold), darker, 120, blur=2)


def neck(img, who):
    """The neck, with the chin's shadow across its top."""
    size = img.size
    m = mask(size, polygon=NECK)
    paint(img, m, who["skin"])
    paint(img, face_mask(size, who, drop=16), shade(who["skin"], 0.86), clip=m, blur=1)


def ears(img, who):
    size = img.size
    for side in (-1, 1):
        ((x, y),) = fit([(HEAD_X + side * 84, 272)], who)
        paint(img, mask(size, ellipse=((x, y), 14, 22)), who["skin"])
        paint(img, mask(size, ellipse=((x + side * 3, y + 2), 6, 12)), shade(who["skin"], 0.84))
        if who.get("earrings"):
            paint(img, mask(size, ellipse=((x + side * 2, y + 26), 5, 5)), who["earrings"])


def features(img, who):
    """Cheeks, eyes, brows and nose."""
    size = img.size
    skin = who["skin"]
    eye = who.get("eye", INK)
    rng = random.Random(12)
    for side in (-1, 1):
        x = HEAD_X + side * 37
        paint(img, mask(size, ellipse=((x + side * 6, 294), 18, 11)), who["blush"], 110, blur=6)
        for _ in range(6 if who.get("freckles") else 0):
            fx, fy = x + side * rng.uniform(-12, 14), rng.uniform(282, 296)
            paint(img, mask(size, ellipse=((fx, fy), 2.2, 2.2)), shade(skin, 0.78), 150)
        paint(img, mask(size, ellipse=((x, EYE_Y), 7.5, 9.5)), eye)
        paint(img, mask(size, ellipse=((x + 2.5, EYE_Y - 3.5), 2.6, 2.6)), (255, 255, 255), 230)
        if who.get("lashes"):
            flick = [
                (x + side * 5, EYE_Y - 7),
                (x + side * 10, EYE_Y - 10),
                (x + side * 14, EYE_Y - 11),
            ]
            paint(img, mask(size, polygon=ribbon(flick, (3, 2.5, 0.5))), eye)
        brow = [(x - side * 18, 236), (x + side * 2, 229), (x + side * 19, 235)]
        paint(img, mask(size, polygon=ribbon(brow, who.get("brow", (7, 6, 3)))), who["brow_colour"])
    nose = spline([(304, 266), (300, 288), (294, 300), (301, 305), (309, 301)])
    paint(img, mask(size, line=nose, width=3.6), shade(skin, 0.8))


def beard(img, who):
    size = img.size
    outer = [(218, 256), (216, 300), (234, 342), (266, 366), (300, 372), (334, 366), (366, 342)]
    outer += [(384, 300), (382, 256)]
    inner = [(376, 256), (368, 290), (344, 306), (318, 306), (300, 311), (282, 306), (256, 306)]
    inner += [(232, 290), (224, 256)]
    m = mask(size, polygon=outline(fit(outer, who), fit(inner, who)))
    paint(img, m, who["hair"], clip=face_mask(size, who))
    for run in ([(250, 320), (270, 346), (300, 356)], [(350, 320), (330, 346), (300, 356)]):
        paint(img, mask(size, polygon=ribbon(run, (1, 4, 1))), shade(who["hair"], 1.2), 160, clip=m)


def mouth(img, who):
    """An open smile showing the teeth, or a closed one."""
    size = img.size
    lips = who["lips"]
    if who.get("open_smile"):
        lower = [(321, 318), (313, 331), (300, 336), (287, 331), (279, 318)]
        m = mask(size, polygon=outline([(279, 318), (300, 321), (321, 318)], lower))
        paint(img, m, shade(lips, 0.5))
        teeth = at([(270, 310), (330, 310), (330, 326), (270, 326)])
        paint(img, mask(size, polygon=teeth), TEETH, clip=m)
        paint(img, mask(size, ellipse=((300, 339), 12, 6)), lips, clip=m)  # the tongue
    else:
        smile = spline([(281, 318), (290, 326), (300, 328), (310, 326), (319, 318)])
        paint(img, mask(size, line=smile, width=5), shade(lips, 0.72))
        paint(img, mask(size, ellipse=((300, 334), 9, 3.5)), lips, 150, blur=1.5)


def glasses(img, who):
    size = img.size
    frame = who["glasses"]
    for side in (-1, 1):
        x = HEAD_X + side * 37
        lens = mask(size, ellipse=((x, EYE_Y + 1), 21, 19))
        paint(img, lens, (255, 255, 255), 40)
        paint(img, without(lens, mask(size, ellipse=((x, EYE_Y + 1), 17.5, 15.5))), frame)
        arm = spline([(x + side * 20, EYE_Y - 4), (x + side * 46, EYE_Y - 8)])
        paint(img, mask(size, line=arm, width=3.5), frame)
    bridge = spline([(282, EYE_Y - 2), (300, EYE_Y - 7), (318, EYE_Y - 2)])
    paint(img, mask(size, line=bridge, width=3.5), frame)


def portrait(name, who, seed):
    rng = random.Random(seed)
    size = canvas(PORTRAIT)
    w, h = size
    img = gradient(size, *who["background"], 90).convert("RGBA")
    soft_circle(img, (w * 0.5, h * 0.42), w * 0.37, who["halo"], 230, blur=6)
    if who.get("sprig"):
        colour, side = who["sprig"]
        base, angle = (w * (0.5 + 0.45 * side), h), -90 - 14 * side
        sprig(img, rng, base, angle, h * 0.58, colour, h * 0.1, 5, 210)
    hair(img, who, front=False)
    neck(img, who)
    clothes(img, who)
    paint(img, face_mask(size, who), who["skin"])
    features(img, who)
    if who.get("beard"):
        beard(img, who)
    mouth(img, who)
    hair(img, who, front=True)
    if who.get("show_ears", True):
        ears(img, who)
    if who.get("glasses"):
        glasses(img, who)
    finish(img, PORTRAIT, name)


# The practitioners, as made-up illustrated people. Colours are RGB; "face" widens the
# face and jaw; "sprig" is a colour and a side (1 right, -1 left).
PEOPLE = {
    "team-imogen-hart": {
        "background": (CREAM, LINEN),
        "halo": SAGE_LIGHT,
        "skin": (243, 208, 182),
        "blush": (236, 160, 146),
        "lips": (196, 106, 98),
        "hair": (170, 86, 50),
        "brow_colour": (132, 68, 40),
        "hair_style": hair_bob,
        "face": (0.98, 0.95),
        "show_ears": False,
        "top": (200, 140, 128),
        "top_style": "knit",
        "glasses": (96, 60, 46),
        "freckles": True,
        "open_smile": True,
    },
    "team-priya-nair": {
        "background": (SAGE_PALE, SAGE_LIGHT),
        "halo": CREAM,
        "skin": (190, 132, 94),
        "blush": (206, 112, 92),
        "lips": (146, 70, 62),
        "hair": (40, 28, 26),
        "brow_colour": (36, 24, 22),
        "hair_style": hair_plait,
        "tie": TERRACOTTA,
        "face": (0.97, 0.93),
        "top": (54, 104, 108),
        "top_style": "tunic",
        "trim": CREAM,
        "lashes": True,
        "earrings": (222, 184, 110),
    },
    "team-tomasz-kowal": {
        "background": (SAND, LINEN),
        "halo": CREAM,
        "skin": (236, 196, 166),
        "blush": (232, 156, 136),
        "lips": (184, 102, 90),
        "hair": (118, 80, 50),
        "brow_colour": (96, 64, 40),
        "brow": (8, 7, 4),
        "hair_style": hair_short,
        "face": (1.03, 1.07),
        "beard": True,
        "top": SAGE_DARK,
        "top_style": "side fastening",
        "sprig": (SAGE, 1),
        "open_smile": True,
    },
    "team-ellen-okafor": {
        "background": (LINEN, CREAM),
        "halo": JADE,
        "skin": (116, 72, 48),
        "blush": (160, 72, 58),
        "lips": (112, 54, 48),
        "hair": (34, 24, 22),
        "brow_colour": (26, 18, 16),
        "eye": (22, 14, 12),
        "hair_style": hair_curls,
        "band": CLAY,
        "top": TERRACOTTA,
        "top_style": "roll neck",
        "lashes": True,
        "earrings": (232, 190, 110),
        "sprig": (SAGE_DARK, -1),
        "open_smile": True,
    },
}


def main():
    home("home")
    facial_acupuncture("facial-acupuncture")
    facial_massage("facial-massage")
    microneedling("microneedling")
    blog_gua_sha("blog-gua-sha")
    blog_sun_care("blog-sun-care")
    blog_jaw_tension("blog-jaw-tension")
    blog_evening_massage("blog-evening-massage")
    blog_aftercare_weeks("blog-aftercare-weeks")
    blog_dermaroller("blog-dermaroller")
    for seed, (name, who) in enumerate(PEOPLE.items(), start=7):
        portrait(name, who, seed)
    results()
    for path in sorted(OUT.glob("*.jpg")):
        print(f"{path.stat().st_size / 1024:6.1f} KB  {path.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
