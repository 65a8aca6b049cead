from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TestimonialsConfig(AppConfig):
    """Client testimonials and the client list, published only with the client's consent."""

    name = "testimonials"
    verbose_name = _("Testimonials")
