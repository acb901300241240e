"""Patients' photos keep no location or camera details: a photo uploaded to the "Results"
collection, or chosen for a result case, is stored without EXIF (GPS included), XMP or
IPTC, turned the right way up, and so are its renditions."""

from io import BytesIO

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images.tests.utils import Image
from wagtail.models import Collection
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import nested_form_data

from treatments.results.metadata import RESULTS_COLLECTION
from treatments.results.models import ConsentRecord

from .factories import build_indexes, default_site, make_treatment

GPS_IFD = ExifTags.IFD.GPSInfo  # 0x8825


def photo_with_gps(orientation=1, size=(60, 40)):
    """A JPEG as a phone writes it: camera make and model, where it was taken, XMP."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Camera 12"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "W"
    gps[ExifTags.GPS.GPSLongitude] = (0.0, 7.0, 40.0)
    out = BytesIO()
    PILImage.new("RGB", size, "#c8a27a").save(
        out, "JPEG", exif=exif, xmp=b"<x:xmpmeta>Home address</x:xmpmeta>"
    )
    return out.getvalue()


def assert_no_metadata(testcase, file):
    with PILImage.open(file) as stored:
        testcase.assertEqual(dict(stored.getexif()), {})
        testcase.assertEqual(dict(stored.getexif().get_ifd(GPS_IFD)), {})
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "comment"):
            testcase.assertNotIn(key, stored.info)
        return stored.size


class PhotoPrivacyTests(WagtailTestUtils, TestCase):
    def setUp(self):
        self.results = Collection.objects.get(name=RESULTS_COLLECTION)
        self.admin = User.objects.create_superuser("root", "root@example.com", "pw")
        self.client.force_login(self.admin)

    def upload(self, data, collection):
        """Upload a photo as the admin's "Add images" page does."""
        response = self.client.post(
            reverse("wagtailimages:add_multiple"),
            {
                "files[]": SimpleUploadedFile("patient.jpg", data, "image/jpeg"),
                "collection": collection.pk,
            },
        )
        self.assertEqual(response.status_code, 200, response.content[:300])
        self.assertTrue(response.json()["success"])
        return Image.objects.get(pk=response.json()["image_id"])

    def test_the_test_photo_carries_gps(self):
        with PILImage.open(BytesIO(photo_with_gps())) as original:
            self.assertEqual(original.getexif().get_ifd(GPS_IFD)[ExifTags.GPS.GPSLatitudeRef], "N")
            self.assertIn("xmp", original.info)

    def test_an_upload_to_results_is_stored_and_rendered_without_exif_or_gps(self):
        with self.captureOnCommitCallbacks(execute=True):
            image = self.upload(photo_with_gps(), self.results)
        image.refresh_from_db()
        with image.open_file() as stored:
            self.assertEqual(assert_no_metadata(self, stored), (60, 40))
        self.assertEqual(image.file_size, image.file.size)

        rendition = image.get_rendition("fill-30x20|format-jpeg")
        with rendition.file.open() as rendered:
            assert_no_metadata(self, rendered)
        rendition = image.get_rendition("width-30|format-webp")
        with rendition.file.open() as rendered:
            assert_no_metadata(self, rendered)

    def test_the_photo_is_turned_upright_before_its_orientation_tag_goes(self):
        # Orientation 6: the camera held sideways; viewers turn it 90° to show it upright.
        image = self.upload(photo_with_gps(orientation=6), self.results)
        image.refresh_from_db()
        with image.open_file() as stored:
            self.assertEqual(assert_no_metadata(self, stored), (40, 60))
        self.assertEqual((image.width, image.height), (40, 60))

    def test_the_file_with_the_location_is_deleted(self):
        with self.captureOnCommitCallbacks(execute=True):
            image = Image.objects.create(
                title="Before",
                collection=Collection.get_first_root_node(),
                file=SimpleUploadedFile("patient.jpg", photo_with_gps()),
            )
            first_name = image.file.name
            image.collection = self.results  # moved into Results
            image.save()
        storage = image.file.storage
        self.assertNotEqual(image.file.name, first_name)
        self.assertFalse(storage.exists(first_name))
        with storage.open(image.file.name) as stored:
            assert_no_metadata(self, stored)

    def test_a_case_strips_the_photos_it_uses_wherever_they_were_uploaded(self):
        treatments, _ = build_indexes(default_site().root_page.specific)
        treatment = make_treatment(treatments, "Microneedling")
        consent = ConsentRecord.objects.create(
            patient_reference="R-2026-040", signed_on=timezone.localdate()
        )
        root = Collection.get_first_root_node()
        before, after = (
            Image.objects.create(
                title=title, collection=root, file=SimpleUploadedFile("p.jpg", photo_with_gps())
            )
            for title in ("Before", "After")
        )
        form = {
            "treatment": treatment.pk,
            "sessions": "3",
            "time_between": "12 weeks",
            "before_image": before.pk,
            "before_alt": "Cheek with scars, before",
            "after_image": after.pk,
            "after_alt": "The same cheek with shallower scars",
            "caption": "Shallower scars after three sessions.",
            "consent": consent.pk,
            "photos_unretouched": "on",
        }
        response = self.client.post(
            reverse("wagtailsnippets_treatments_results_resultcase:add"), nested_form_data(form)
        )
        self.assertEqual(response.status_code, 302)
        for image in (before, after):
            image.refresh_from_db()
            with image.open_file() as stored:
                assert_no_metadata(self, stored)
