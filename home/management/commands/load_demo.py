from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site

from blog.models import BlogIndexPage, BlogPage, BlogPageAuthor, BlogRelatedTreatment
from home import demo_blog_content as journal
from home import demo_content as demo
from home.models import HomeFeaturedTreatment, HomePage
from treatments.models import (
    ClinicSettings,
    ConditionIndexPage,
    ConditionPage,
    Practitioner,
    PractitionerIndexPage,
    TreatmentCondition,
    TreatmentIndexPage,
    TreatmentPage,
)

HOME_INTRO = (
    "<p>Gentle, evidence-aware treatments for skin and face: facial acupuncture, "
    "facial massage and microneedling, with clear aftercare and honest advice.</p>"
)
HOME_HEADING = "Calm, careful skin and face treatments in north London"
PRACTITIONER_INDEX = {
    "title": "Our practitioners",
    "slug": "team",
    "intro": "<p>Meet the people who will look after you, and what each of them offers.</p>",
}


def in_order(links):
    """Inline links numbered as the admin's drag-and-drop would number them."""
    links = list(links)
    for position, link in enumerate(links):
        link.sort_order = position
    return links


class Command(BaseCommand):
    help = (
        "Load the demo clinic. Safe to run again: pages that already exist (matched by slug "
        "under their parent) are left as editors made them, so nothing is duplicated."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        site = Site.objects.get(is_default_site=True)
        if site.site_name != demo.CLINIC["name"]:
            site.site_name = demo.CLINIC["name"]
            site.save(update_fields=["site_name"])
        self.load_clinic_settings(site)

        home = HomePage.objects.get(pk=site.root_page_id)

        treatments = self.ensure(home, TreatmentIndexPage, demo.TREATMENT_INDEX, show_in_menus=True)
        conditions = self.ensure(home, ConditionIndexPage, demo.CONDITION_INDEX, show_in_menus=True)
        condition_pages = {
            data["slug"]: self.ensure(conditions, ConditionPage, data) for data in demo.CONDITIONS
        }
        for data in demo.TREATMENTS:
            fields = {k: v for k, v in data.items() if k != "conditions"}
            links = in_order(
                TreatmentCondition(condition=condition_pages[slug], note=note)
                for slug, note in data["conditions"]
            )
            self.ensure(treatments, TreatmentPage, fields, treated_conditions=links)

        treatment_pages = {
            page.slug: page for page in TreatmentPage.objects.child_of(treatments).order_by("path")
        }
        practitioners = self.load_practitioners(treatment_pages)
        self.ensure(home, PractitionerIndexPage, PRACTITIONER_INDEX, show_in_menus=True)
        self.load_journal(home, practitioners, treatment_pages)
        self.load_home(home, treatment_pages)

        self.stdout.write(
            self.style.SUCCESS(f"Demo content is loaded ({self.created} pages created).")
        )

    def load_home(self, home, treatment_pages):
        """Fill in the welcome and featured treatments once; editors' changes stay."""
        if home.hero_heading and home.featured_treatments.exists():
            return
        home.title = demo.CLINIC["name"]
        home.hero_heading = HOME_HEADING
        home.intro = HOME_INTRO
        home.featured_treatments = in_order(
            HomeFeaturedTreatment(treatment=page) for page in treatment_pages.values()
        )
        home.save_revision().publish()

    def load_practitioners(self, treatment_pages):
        practitioners = {}
        for data in journal.PRACTITIONERS:
            fields = {k: v for k, v in data.items() if k not in ("name", "treatments")}
            person, created = Practitioner.objects.get_or_create(name=data["name"], defaults=fields)
            if created:
                person.treatments.set([treatment_pages[slug] for slug in data["treatments"]])
                person.save()
            practitioners[person.name] = person
        return practitioners

    def load_journal(self, home, practitioners, treatment_pages):
        index = self.ensure(home, BlogIndexPage, journal.BLOG_INDEX, show_in_menus=True)
        for data in journal.POSTS:
            fields = {
                k: v for k, v in data.items() if k not in ("authors", "related_treatments", "tags")
            }
            self.ensure(
                index,
                BlogPage,
                fields,
                tags=data["tags"],
                authors=in_order(
                    BlogPageAuthor(practitioner=practitioners[name]) for name in data["authors"]
                ),
                related_treatments=in_order(
                    BlogRelatedTreatment(treatment=treatment_pages[slug])
                    for slug in data["related_treatments"]
                ),
            )

    def load_clinic_settings(self, site):
        clinic = ClinicSettings.for_site(site)
        wanted = {k: v for k, v in demo.CLINIC.items() if k != "opening_hours"}
        if any(getattr(clinic, k) != v for k, v in wanted.items()) or not clinic.opening_hours:
            for key, value in wanted.items():
                setattr(clinic, key, value)
            clinic.opening_hours = [
                {"type": "hours", "value": v} for v in demo.CLINIC["opening_hours"]
            ]
            clinic.save()

    def ensure(self, parent, model, data, tags=(), **extra):
        """The child page with data['slug'] under parent, created and published if missing."""
        existing = parent.get_children().filter(slug=data["slug"]).first()
        if existing:
            return existing.specific
        page = model(**data, **extra)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page
