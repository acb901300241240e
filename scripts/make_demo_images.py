"""Draw the demo clinic's illustrations into demo/images/.

    .venv/bin/python scripts/make_demo_images.py

Soft abstract and botanical shapes (gradients, circles, leaves, waves) in a calm palette:
no text, no faces, no photographs. The output is the same on every run (fixed random
seeds), so the images can be rebuilt at any time. They were made for this project and
are released under CC0 1.0: see demo/images/LICENCE.md.

Each image's alt text in the demo content describes what is drawn here; `ALT` below
keeps the two side by side, so change both together.
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

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
    "team-imogen-hart": (
        "Abstract illustration of a head-and-shoulders silhouette in sage green against "
        "a terracotta circle on a cream background"
    ),
    "team-priya-nair": (
        "Abstract illustration of a head-and-shoulders silhouette in terracotta against "
        "a cream circle on a pale sage background"
    ),
    "team-tomasz-kowal": (
        "Abstract illustration of a head-and-shoulders silhouette in dark sage green "
        "against a pale circle on a sand-coloured background, with a leafy sprig"
    ),
    "team-ellen-okafor": (
        "Abstract illustration of a head-and-shoulders silhouette in soft clay pink "
        "against a jade-green circle on a linen background, with a leafy sprig"
    ),
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


def leaf(img, centre, length, width, angle, colour, alpha=255, vein=None):
    lay = layer(img.size)
    d = ImageDraw.Draw(lay)
    d.polygon(leaf_points(centre, length, width, angle), fill=(*colour, alpha))
    if vein:
        a = math.radians(angle)
        dx, dy = math.cos(a) * length * 0.42, math.sin(a) * length * 0.42
        cx, cy = centre
        d.line(
            (cx - dx, cy - dy, cx + dx, cy + dy),
            fill=(*vein, min(255, alpha)),
            width=max(2, int(width / 28)),
        )
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
    leaf(img, (w * 0.74, h * 0.66), h * 0.52, h * 0.20, -35, SAGE, 235, SAGE_LIGHT)
    leaf(img, (w * 0.86, h * 0.58), h * 0.38, h * 0.15, -70, SAGE_DARK, 220, SAGE)
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
    leaf(img, (w * 0.70, h * 0.62), h * 0.80, h * 0.30, -28, SAGE, 240, SAGE_PALE)
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


def portrait(name, background, figure, halo, seed, with_sprig=False):
    rng = random.Random(seed)
    size = canvas(PORTRAIT)
    w, h = size
    img = gradient(size, background[0], background[1], 90).convert("RGBA")
    soft_circle(img, (w * 0.5, h * 0.42), w * 0.36, halo, 230, blur=6)
    if with_sprig:
        sprig(img, rng, (w * 0.94, h * 1.0), -105, h * 0.62, SAGE_DARK, h * 0.11, 5, 200)
    lay = layer(size)
    d = ImageDraw.Draw(lay)
    d.ellipse((w * 0.20, h * 0.68, w * 0.80, h * 1.30), fill=(*figure, 255))  # shoulders
    d.rounded_rectangle((w * 0.44, h * 0.52, w * 0.56, h * 0.74), w * 0.04, fill=(*figure, 255))
    d.ellipse((w * 0.36, h * 0.22, w * 0.64, h * 0.56), fill=(*figure, 255))  # head
    img.alpha_composite(lay)
    finish(img, PORTRAIT, name)


def main():
    home("home")
    facial_acupuncture("facial-acupuncture")
    facial_massage("facial-massage")
    microneedling("microneedling")
    blog_gua_sha("blog-gua-sha")
    blog_sun_care("blog-sun-care")
    portrait("team-imogen-hart", (CREAM, LINEN), SAGE, TERRACOTTA, 7)
    portrait("team-priya-nair", (SAGE_PALE, SAGE_LIGHT), TERRACOTTA, CREAM, 8)
    portrait("team-tomasz-kowal", (SAND, LINEN), SAGE_DARK, CREAM, 9, with_sprig=True)
    portrait("team-ellen-okafor", (LINEN, CREAM), CLAY, JADE, 10, with_sprig=True)
    for path in sorted(OUT.glob("*.jpg")):
        print(f"{path.stat().st_size / 1024:6.1f} KB  {path.relative_to(OUT.parent.parent)}")


if __name__ == "__main__":
    main()
