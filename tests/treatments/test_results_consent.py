"""Consent is enforced, not trusted (issue 23; docs/results-gallery.md).

A case leaves every listing the moment its consent is withdrawn or expires (the rule in
`ResultCase.objects.shown`, checked on every request); withdrawing also unpublishes the
case, deletes its photos with every rendition (files included) or, when the clinic keeps
originals, moves them to private storage that only Site managers can open; the daily
`expire_consents` command does the same for expiries. Consent records and forms are for
Site managers only, and the audit log never names the patient.
"""

import datetime
import json
import shutil
import tempfile
from io import StringIO
from unittest import mock

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import Image, get_test_image_file
from wagtail.models import Collection, ModelLogEntry, Revision, Workflow

from treatments.results.models import ConsentRecord, ResultCase, ResultsIndexPage

from .conftest import ensure_site_root
from .factories import build_indexes, make_treatment

EDITORS, REVIEWERS, MANAGERS = "Marketing editors", "Clinical reviewers", "Site managers"
REFERENCE = "R-2026-377"
Document = get_document_model()


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def snippet_url(model_name, view, *args):
    return reverse(f"wagtailsnippets_treatments_results_{model_name}:{view}", args=args)


def stored(name):
    return default_storage.exists(name)


class ConsentTestCase(TestCase):
    def setUp(self):
        # Renditions found in Wagtail's cache from an earlier test (same image ids) have no
        # row in this one.
        Image.get_rendition_model().cache_backend.clear()
        home = ensure_site_root()
        treatments, _ = build_indexes(home)
        self.treatment = make_treatment(treatments, "Microneedling")
        self.results_page = home.add_child(instance=ResultsIndexPage(title="Results"))
        self.consent = self.make_consent()
        self.case = self.make_case(self.consent)
        self.editor = self.member("mia", EDITORS)
        self.reviewer = self.member("amara", REVIEWERS)
        self.manager = self.member("sam", MANAGERS)

    def make_consent(self, **fields):
        fields = {"patient_reference": REFERENCE, "signed_on": days(-60), **fields}
        return ConsentRecord.objects.create(**fields)

    def make_case(self, consent):
        case = ResultCase.objects.create(
            treatment=self.treatment,
            consent=consent,
            sessions=3,
            time_between="12 weeks",
            before_image=self.photo("before"),
            before_alt="Cheek with rolling scars, before treatment",
            after_image=self.photo("after"),
            after_alt="The same cheek with shallower scars",
            caption="Shallower scars after three sessions.",
            photos_unretouched=True,
        )
        case.save_revision().publish()
        for image in (case.before_image, case.after_image):
            image.get_rendition("fill-80x60")  # as the gallery makes them
        return case

    def photo(self, side):
        return Image.objects.create(title=f"Case photo {side}", file=get_test_image_file())

    def member(self, username, group):
        user = User.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    def photo_files(self, case):
        """The storage names of a case's originals and renditions."""
        images = [case.before_image, case.after_image]
        renditions = Image.get_rendition_model().objects.filter(image__in=images)
        return [image.file.name for image in images] + [r.file.name for r in renditions]

    def withdraw(self, consent=None, on=None):
        consent = consent or self.consent
        consent.withdrawn_on = on or timezone.localdate()
        with self.captureOnCommitCallbacks(execute=True):
            consent.save()


# --- Withdrawal --------------------------------------------------------------------------


class WithdrawalTests(ConsentTestCase):
    def test_withdrawing_takes_the_case_down_and_deletes_its_photos_and_renditions(self):
        other = self.make_case(self.make_consent())
        files = self.photo_files(self.case)
        image_ids = [self.case.before_image_id, self.case.after_image_id]
        self.assertEqual(len(files), 4)
        self.assertTrue(all(stored(name) for name in files))
        self.assertEqual(set(ResultCase.objects.shown()), {self.case, other})

        self.withdraw()

        self.assertEqual(list(ResultCase.objects.shown()), [other])
        self.assertFalse([name for name in files if stored(name)])
        self.assertFalse(Image.objects.filter(pk__in=image_ids).exists())
        self.assertFalse(Image.get_rendition_model().objects.filter(image_id__in=image_ids))
        case = ResultCase.objects.get(pk=self.case.pk)
        self.assertFalse(case.live)
        self.assertEqual((case.before_image, case.after_image), (None, None))
        # No draft or old version can bring the photos back.
        for revision in Revision.objects.for_instance(case):
            self.assertIsNone(revision.content["before_image"])
            self.assertIsNone(revision.content["after_image"])
        self.assertIsNone(case.get_latest_revision_as_object().before_image)
        # Editors can still open the case, which says why it is off the site.
        self.client.force_login(self.editor)
        response = self.client.get(snippet_url("resultcase", "edit", case.pk))
        self.assertContains(response, "Withdrawn")
        self.assertNotContains(response, REFERENCE)
        # The other patient's photos are untouched.
        self.assertTrue(all(stored(name) for name in self.photo_files(other)))

    @override_settings(SERVE_MEDIA=True)
    def test_the_photos_addresses_answer_404_once_withdrawn(self):
        urls = [default_storage.url(name) for name in self.photo_files(self.case)]
        if self.client.get(urls[0]).status_code != 200:
            self.skipTest("this site does not serve uploads itself (the bare plugin site)")
        self.withdraw()
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_a_case_without_both_photos_is_never_shown(self):
        ResultCase.objects.filter(pk=self.case.pk).update(after_image=None)
        self.assertFalse(ResultCase.objects.shown().exists())

    def test_an_expired_consent_hides_its_case_with_no_command_run(self):
        files = self.photo_files(self.case)
        ConsentRecord.objects.filter(pk=self.consent.pk).update(expires_on=days(10))
        self.assertEqual(list(ResultCase.objects.shown()), [self.case])
        self.assertEqual(list(ResultCase.objects.shown(on=days(9))), [self.case])
        # From the expiry date on, on the next request: nothing scheduled has run.
        self.assertFalse(ResultCase.objects.shown(on=days(10)).exists())
        ConsentRecord.objects.filter(pk=self.consent.pk).update(expires_on=timezone.localdate())
        self.assertFalse(ResultCase.objects.shown().exists())
        self.assertTrue(all(stored(name) for name in files))  # the command removes them

    def test_saving_an_expiry_date_already_passed_takes_the_photos_down_too(self):
        files = self.photo_files(self.case)
        self.consent.expires_on = timezone.localdate()
        with self.captureOnCommitCallbacks(execute=True):
            self.consent.save()
        self.assertFalse([name for name in files if stored(name)])
        self.assertFalse(ResultCase.objects.get(pk=self.case.pk).live)

    def test_a_pending_review_is_cancelled_so_an_approval_cannot_publish_the_case(self):
        workflow = Workflow.objects.get(name="Clinical review")
        workflow.start(self.case, self.editor)
        self.withdraw()
        case = ResultCase.objects.get(pk=self.case.pk)
        self.assertIsNone(case.current_workflow_state)

    def test_the_cdn_forgets_the_pages_that_showed_the_case_and_the_photos(self):
        files = [default_storage.url(name) for name in self.photo_files(self.case)]
        cdn = {"default": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                           "LOCATION": "http://cdn.invalid"}}  # fmt: skip
        with (
            override_settings(WAGTAILFRONTENDCACHE=cdn),
            mock.patch(
                "wagtail.contrib.frontend_cache.utils.PurgeBatch.purge", autospec=True
            ) as purge,
        ):
            self.withdraw()
        purged = purge.call_args.args[0].urls
        for page in (self.treatment, self.results_page):
            self.assertIn(page.full_url, purged)
        for url in files:
            self.assertTrue(any(address.endswith(url) for address in purged), url)

    def test_without_a_cdn_nothing_is_purged(self):
        with (
            override_settings(WAGTAILFRONTENDCACHE={}),
            mock.patch("wagtail.contrib.frontend_cache.utils.PurgeBatch.purge") as purge,
        ):
            self.withdraw()
        purge.assert_not_called()

    def test_the_page_cache_is_purged_when_the_withdrawal_commits(self):
        if not apps.is_installed("page_cache"):
            self.skipTest("the bare site has no page cache")
        pages = caches["pages"]
        site_version = "pagecache:v:site"
        pages.set(site_version, 1, timeout=None)
        with override_settings(PAGE_CACHE_SECONDS=300):
            self.withdraw()
        self.assertNotEqual(pages.get(site_version), 1)


# --- Keeping originals -------------------------------------------------------------------


class KeptOriginalsTests(ConsentTestCase):
    def setUp(self):
        super().setUp()
        self.private = tempfile.mkdtemp(prefix="private-results-")
        self.addCleanup(shutil.rmtree, self.private, ignore_errors=True)
        storage = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": self.private},
        }
        keep = override_settings(
            RESULTS_KEEP_WITHDRAWN_ORIGINALS=True, RESULTS_PRIVATE_STORAGE=storage
        )
        keep.enable()
        self.addCleanup(keep.disable)

    def original_url(self, side="before"):
        return reverse("treatments_results_kept_original", args=[self.case.pk, side])

    def test_originals_move_to_private_storage_and_only_site_managers_can_open_them(self):
        with self.case.before_image.file.open("rb") as original:
            before = original.read()
        files = self.photo_files(self.case)

        self.withdraw()

        self.assertFalse([name for name in files if stored(name)])
        self.client.force_login(self.manager)
        response = self.client.get(self.original_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content), before)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(self.client.get(self.original_url("after")).status_code, 200)

        for user in (self.editor, self.reviewer):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.original_url()).status_code, 403)
        self.client.logout()
        response = self.client.get(self.original_url())
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("wagtailadmin_login"), response["Location"])

    def test_no_original_is_found_for_a_case_still_shown(self):
        self.client.force_login(self.manager)
        self.assertEqual(self.client.get(self.original_url()).status_code, 404)

    def test_the_audit_log_says_the_photos_were_kept(self):
        self.withdraw()
        entry = ModelLogEntry.objects.get(action="treatments_results.withdraw")
        self.assertEqual(
            entry.message, "Consent withdrawn: 1 case(s) taken down, 2 photo(s) kept privately"
        )


# --- The daily command -------------------------------------------------------------------


class ExpireConsentsCommandTests(ConsentTestCase):
    def run_command(self):
        out = StringIO()
        with self.captureOnCommitCallbacks(execute=True):
            call_command("expire_consents", stdout=out)
        return out.getvalue()

    def test_it_takes_down_expired_consents_and_says_what_without_the_reference(self):
        valid = self.make_case(self.make_consent(expires_on=days(30)))
        files = self.photo_files(self.case)
        yesterday = days(-1)
        ConsentRecord.objects.filter(pk=self.consent.pk).update(expires_on=yesterday)

        output = self.run_command()

        self.assertEqual(
            output,
            f"Consent record #{self.consent.pk}: expired on {yesterday.isoformat()}; "
            "1 case taken down, 2 photos deleted\n",
        )
        self.assertNotIn(REFERENCE, output)
        self.assertFalse([name for name in files if stored(name)])
        self.assertEqual(list(ResultCase.objects.shown()), [valid])
        entry = ModelLogEntry.objects.get(action="treatments_results.withdraw")
        self.assertEqual(entry.message, "Consent expired: 1 case(s) taken down, 2 photo(s) deleted")
        # Done once: the next day's run has nothing left to do.
        self.assertEqual(self.run_command(), "Nothing to take down.\n")

    def test_it_leaves_consents_not_for_the_website_or_not_yet_signed_alone(self):
        self.make_case(self.make_consent(scope_website=False))
        self.make_case(self.make_consent(signed_on=days(3)))
        self.assertEqual(self.run_command(), "Nothing to take down.\n")
        self.assertEqual(ResultCase.objects.filter(before_image__isnull=False).count(), 3)


# --- Audit log ---------------------------------------------------------------------------


class AuditLogTests(ConsentTestCase):
    def consent_form(self, **fields):
        data = {
            "patient_reference": REFERENCE,
            "signed_on": days(-10).isoformat(),
            "scope_website": "on",
            "expires_on": "",
            "form": "",
            "withdrawn_on": "",
        }
        data.update(fields)
        return data

    def test_every_change_to_a_consent_record_is_logged_without_the_patient_reference(self):
        self.client.force_login(self.manager)
        response = self.client.post(snippet_url("consentrecord", "add"), self.consent_form())
        self.assertEqual(response.status_code, 302)
        record = ConsentRecord.objects.latest("pk")
        self.make_case(record)
        edit = snippet_url("consentrecord", "edit", record.pk)
        self.client.post(edit, self.consent_form(scope_social="on"))
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(edit, self.consent_form(withdrawn_on=days(0).isoformat()))
        unused = self.make_consent()
        self.client.post(snippet_url("consentrecord", "delete", unused.pk))

        entries = ModelLogEntry.objects.filter(content_type__model="consentrecord")
        self.assertEqual(
            [(entry.action, entry.object_id) for entry in entries.order_by("pk")],
            [
                ("wagtail.create", str(record.pk)),
                ("wagtail.edit", str(record.pk)),
                # Logged as the record is saved, before the edit view logs its edit.
                ("treatments_results.withdraw", str(record.pk)),
                ("wagtail.edit", str(record.pk)),
                ("wagtail.delete", str(unused.pk)),
            ],
        )
        withdrawal = entries.get(action="treatments_results.withdraw")
        self.assertEqual(withdrawal.user, self.manager)
        self.assertEqual(
            withdrawal.message, "Consent withdrawn: 1 case(s) taken down, 2 photo(s) deleted"
        )
        self.assertEqual(withdrawal.label, f"Consent record #{record.pk}")
        for entry in ModelLogEntry.objects.all():
            text = " ".join(
                [entry.label, str(entry.message), entry.comment, json.dumps(entry.data)]
            )
            self.assertNotIn(REFERENCE, text, entry.action)
        # The admin's history page shows the withdrawal in plain words.
        history = self.client.get(snippet_url("consentrecord", "history", record.pk))
        self.assertContains(history, "Photos taken down")
        self.assertNotContains(history, REFERENCE)


# --- Who sees consent --------------------------------------------------------------------


class ConsentPrivacyTests(ConsentTestCase):
    def setUp(self):
        super().setUp()
        collection = Collection.objects.get(name="Consent forms")
        self.form = Document.objects.create(
            title=f"Consent form {self.consent.pk}",
            collection=collection,
            file=ContentFile(b"%PDF-1.4 signed by the patient", name="consent.pdf"),
        )
        self.loose_form = Document.objects.create(
            title="Scan from the front desk",
            file=ContentFile(b"%PDF-1.4 signed too", name="scan.pdf"),
        )
        ConsentRecord.objects.filter(pk=self.consent.pk).update(form=self.loose_form)

    def test_the_roles_rights_on_consent_records_and_cases(self):
        for user in (self.editor, self.reviewer):
            for action in ("add", "change", "delete", "view"):
                self.assertFalse(user.has_perm(f"treatments_results.{action}_consentrecord"))
            for action in ("add", "change", "view"):
                self.assertTrue(user.has_perm(f"treatments_results.{action}_resultcase"))
            self.assertFalse(user.has_perm("treatments_results.delete_resultcase"))
        # Reviewers publish by approving in the workflow (Wagtail needs the right for it);
        # editors only submit.
        self.assertFalse(self.editor.has_perm("treatments_results.publish_resultcase"))
        self.assertTrue(self.reviewer.has_perm("treatments_results.publish_resultcase"))
        for action in ("add", "change", "delete", "view"):
            self.assertTrue(self.manager.has_perm(f"treatments_results.{action}_consentrecord"))
        self.assertTrue(self.manager.has_perm("treatments_results.publish_resultcase"))
        # Cases are published by the clinical reviewers' approval.
        self.assertEqual(self.case.get_workflow().name, "Clinical review")

    def test_a_marketing_editor_cannot_open_consent_records(self):
        self.client.force_login(self.editor)
        for url in (
            snippet_url("consentrecord", "list"),
            snippet_url("consentrecord", "edit", self.consent.pk),
            snippet_url("consentrecord", "add"),
        ):
            response = self.client.get(url, follow=True)
            self.assertNotEqual(response.redirect_chain, [], url)  # sent away, to the dashboard
            self.assertNotContains(response, REFERENCE)
            self.assertNotContains(response, "Consent records")

    def skip_without_documents(self):
        try:
            reverse("wagtaildocs_serve", args=[1, "x.pdf"])
        except NoReverseMatch:
            self.skipTest("this site serves no documents (the bare plugin site)")

    def test_consent_forms_open_for_site_managers_only(self):
        self.skip_without_documents()
        urls = [self.form.url, self.loose_form.url]
        for url in urls:
            self.client.logout()
            self.assertNotEqual(self.client.get(url).status_code, 200, url)
            for user in (self.editor, self.reviewer):
                self.client.force_login(user)
                self.assertEqual(self.client.get(url).status_code, 403, (url, user))
            self.client.force_login(self.manager)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertTrue(b"".join(response.streaming_content).startswith(b"%PDF"))

    def test_an_editor_choosing_a_document_never_sees_consent_forms(self):
        self.skip_without_documents()
        everyday = Document.objects.create(
            title="Aftercare leaflet", file=ContentFile(b"leaflet", name="leaflet.txt")
        )
        chooser = reverse("wagtaildocs_chooser:choose")
        self.client.force_login(self.editor)
        response = self.client.get(chooser)
        self.assertContains(response, everyday.title)
        self.assertNotContains(response, self.form.title)
        self.assertNotContains(response, self.loose_form.title)
        self.client.force_login(self.manager)
        self.assertContains(self.client.get(chooser), self.form.title)

    def test_the_consent_forms_collection_is_private_to_site_managers(self):
        collection = Collection.objects.get(name="Consent forms")
        restriction = collection.get_view_restrictions().get()
        self.assertEqual(restriction.restriction_type, "groups")
        self.assertEqual([group.name for group in restriction.groups.all()], [MANAGERS])
        self.assertTrue(Collection.objects.filter(name="Results", depth=2).exists())
