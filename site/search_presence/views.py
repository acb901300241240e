"""The addresses crawlers ask for without reading a page, and the page they meet on errors.

- `robots_txt` answers /robots.txt and names the sitemap (wagtail.contrib.sitemaps);
  `favicon_ico` points /favicon.ico at the PNG icon.
- `server_error` renders templates/500.html without needing the database.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from home.models import menu_pages


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    """Crawl everything but the admin; the sitemap's address uses the request's host."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon_ico(request):
    """Feed readers and old browsers ask for /favicon.ico without reading the page's links."""
    return HttpResponseRedirect(static("img/favicon-32.png"))


def server_error(request, template_name="500.html"):
    """Django's 500 view, with the site's name and sections when the database answers.

    The error may be the database itself, so the page must render whatever fails here.
    """
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "sections": []}
    try:
        site = Site.find_for_request(request)
        if site is not None:
            context["site_name"] = site.site_name or context["site_name"]
            context["sections"] = [(page.url, page.title) for page in menu_pages(site)]
    except Exception:  # whatever failed, the page still renders with what it has
        pass
    html = loader.get_template(template_name).render(context)
    return HttpResponseServerError(html)
