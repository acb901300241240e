from django.apps import AppConfig


class ResultsConfig(AppConfig):
    """Before-and-after results, shown only with the patient's valid consent."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "treatments.results"
    label = "treatments_results"
    verbose_name = "Results gallery"

    def ready(self):
        from .metadata import connect_signals

        connect_signals()  # location and camera details off patients' photos
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()  # a withdrawn or expired consent takes its photos down
