"""Patients' photos leave the clinic without where or with what they were taken.

A camera or phone writes EXIF (often with GPS coordinates: the patient's home), XMP and
IPTC into a photo. Every image in the "Results" collection (or a collection below it), and
every photo a result case uses wherever it was uploaded, has them removed from the
original file: the photo is turned upright first (its EXIF orientation applied), then saved
again without them, keeping only its colour profile. Renditions are made from the original
(Wagtail copies the original's EXIF into them), so once it is clean they are too; renditions
made before that are deleted. See docs/results-gallery.md ("Photo privacy").
"""

import os
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.signals import post_save
from PIL import ExifTags, ImageOps
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

# The collection the results app's migration makes for patients' photos.
RESULTS_COLLECTION = "Results"

# What Pillow reads into `info` that says where, when or with what a photo was taken (JPEG,
# PNG, WebP, TIFF and GIF spell them differently); the colour profile is kept.
METADATA_KEYS = frozenset(
    {"exif", "xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment", "tiffinfo"}
)


def carries_metadata(picture):
    """Whether a Pillow image has EXIF, XMP, IPTC, a comment or PNG text chunks."""
    return bool(
        len(picture.getexif())
        or METADATA_KEYS.intersection(picture.info)
        or getattr(picture, "text", None)
    )


def stripped(file):
    """The photo in `file` without its metadata, as (bytes, (width, height)), or None when
    it has none."""
    with PILImage.open(file) as picture:
        if not carries_metadata(picture):
            return None
        fmt = picture.format
        options = {"comment": b""}  # Pillow would copy a JPEG comment over
        if picture.info.get("icc_profile"):
            options["icc_profile"] = picture.info["icc_profile"]
        upright = picture.getexif().get(ExifTags.Base.Orientation, 1) == 1
        if fmt == "JPEG":
            # "keep" re-uses the photo's own compression: no visible loss. A turned photo
            # is a new image, saved at high quality.
            options["quality"] = "keep" if upright else 95
        if getattr(picture, "n_frames", 1) > 1:
            options["save_all"] = True
        clean = picture if upright else ImageOps.exif_transpose(picture)
        out = BytesIO()
        clean.save(out, fmt, **options)
        return out.getvalue(), clean.size


def without_metadata(data):
    """Photo bytes without their metadata (the same bytes when there is none)."""
    result = stripped(BytesIO(data))
    return data if result is None else result[0]


def results_collection():
    """The "Results" collection (made by migration 0003), or None."""
    return Collection.objects.filter(name=RESULTS_COLLECTION).order_by("depth").first()


def strip_metadata(image):
    """Replace a Wagtail image's original file by one without metadata, delete its
    renditions and the old file. Returns whether anything was removed."""
    with image.open_file() as file:
        result = stripped(file)
    if result is None:
        return False
    data, size = result
    old_name, storage = image.file.name, image.file.storage
    image.file.save(os.path.basename(old_name), ContentFile(data), save=False)
    if (image.width, image.height) != size:  # turned upright: the focal point moved
        image.width, image.height = size
        image.focal_point_x = image.focal_point_y = None
        image.focal_point_width = image.focal_point_height = None
    image._set_image_file_metadata()  # the new file's size and hash
    image.save()
    # Deleting a rendition deletes its file and its cached address (Wagtail's signals).
    image.renditions.all().delete()
    # Once saved, nothing points to the old file with the patient's location in it.
    transaction.on_commit(lambda: storage.delete(old_name))
    return True


def is_in_results_collection(image):
    results = results_collection()
    collection = image.collection
    return bool(results and collection and collection.path.startswith(results.path))


def strip_results_photo(sender, instance, raw=False, **kwargs):
    """Strip an image saved in the Results collection: uploaded in the admin (one or many
    at a time), moved there, or saved by a script."""
    # An import names the file before writing it, already stripped (`without_metadata`).
    if (
        not raw
        and instance.file
        and instance.file.storage.exists(instance.file.name)
        and is_in_results_collection(instance)
    ):
        strip_metadata(instance)


def connect_signals():
    post_save.connect(
        strip_results_photo, sender=get_image_model(), dispatch_uid="results_strip_metadata"
    )


def strip_case_photos(case):
    """Strip a result case's before and after photos, wherever they were uploaded."""
    for image in (case.before_image, case.after_image):
        if image is not None:
            strip_metadata(image)
