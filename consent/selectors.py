from django.http import HttpRequest


def category_consented(*, request: HttpRequest, category: str) -> bool:
    """Placeholder until the consent branch lands: nothing optional is consented."""
    return category == "necessary"
