from wagtail import hooks

from .middleware import remember_page


@hooks.register("before_serve_page")
def note_page_cache_versions(page, request, serve_args, serve_kwargs):
    remember_page(request, page)
