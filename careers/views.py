from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from careers import selectors, services
from careers.forms import ApplicationForm
from core.views import protected_form_view


def opening_list(request):
    return render(request, "careers/list.html", {"openings": selectors.opening_published_list()})


@require_http_methods(["GET", "POST"])
def apply(request, pk: int | None = None):
    opening = get_object_or_404(selectors.opening_published_list(), pk=pk) if pk else None

    def submit(form):
        data = form.cleaned_data
        services.application_submit(
            opening=opening,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            cv=data["cv"],
            cover_letter=data["cover_letter"],
            language=translation.get_language(),
        )

    return protected_form_view(
        request,
        form_class=ApplicationForm,
        template="careers/apply.html",
        scope="careers",
        on_valid=submit,
        done="careers:done",
        context={"opening": opening},
    )


def done(request):
    return render(request, "careers/done.html")
