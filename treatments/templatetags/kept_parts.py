"""`{% kept "name" %}…{% endkept %}`: a part of a page's template rendered once per version
of what it shows (treatments/fragments.py), then reused for every visitor.

Django's `{% cache %}` tag keys a fragment by values given in the template and evaluates
its timeout on every request; a part here is keyed by the page's content version, which
only the site knows, and asks how long to keep it only when it is built.

A part is built afresh, and never kept, when the template has no Wagtail page, for a
request other than GET or HEAD, for a preview, and when it holds a form's CSRF token
(each visitor has their own).
"""

from django import template
from wagtail.models import Page

from ..fragments import kept

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        page = context.get("page")
        request = context.get("request")
        if not isinstance(page, Page) or request is None or request.method not in ("GET", "HEAD"):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        return kept(
            name,
            page,
            request,
            lambda: self.nodelist.render(context),
            may_keep=lambda html: "csrfmiddlewaretoken" not in html,
        )


@register.tag("kept")
def do_kept(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the part's name.")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(parser.compile_filter(bits[1]), nodelist)
