from django.urls import path

from .views import samples_stylesheet, styleguide

urlpatterns = [
    path("", styleguide, name="styleguide"),
    path("samples.css", samples_stylesheet, name="styleguide_samples"),
]
