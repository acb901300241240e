from django.apps import AppConfig


class HostingConfig(AppConfig):
    """What running on servers needs: /healthz for the load balancer, JSON logs, photos
    from local disk when there is no bucket, and a Redis cache that survives outages."""

    name = "hosting"
    verbose_name = "Hosting"
