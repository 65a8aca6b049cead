from careers.models import JobOpening


def careers_demo_seed() -> str:
    """One published opening, so the careers page and its form can be tried."""
    if not JobOpening.objects.exists():
        JobOpening.objects.create(
            title="Full-stack Django developer",
            location="Paris / remote",
            description="Build the Perfony platform: Django, PostgreSQL, Celery.",
            is_published=True,
        )
    return "Careers     one published job opening"
