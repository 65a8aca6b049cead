import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from PIL import Image, UnidentifiedImageError

from core.http import client_ip
from testimonials import selectors, services, tokens
from testimonials.forms import ConsentForm, RevokeForm
from testimonials.models import Testimonial, TestimonialConsent


def testimonial_list(request):
    published = [t for t in selectors.testimonial_published_list() if t.quote]
    return render(request, "testimonials/list.html", {"testimonials": published})


@require_http_methods(["GET", "POST"])
def consent(request, token: str):
    testimonial_id = tokens.CONSENT.read_id(token=token)
    testimonial = Testimonial.objects.filter(pk=testimonial_id).first()
    if testimonial is None:
        return render(request, "testimonials/link_invalid.html", status=400)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        given = services.consent_give(
            testimonial=testimonial,
            signer_name=form.cleaned_data["signer_name"],
            scope=form.scope(),
            ip=client_ip(request),
        )
        context = {"consent": given, "revoke_url": services.revoke_url(consent=given)}
        return render(request, "testimonials/consent_done.html", context)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "testimonial": testimonial}
    return render(request, "testimonials/consent.html", context, status=status)


@require_http_methods(["GET", "POST"])
def revoke(request, token: str):
    consent_id = tokens.REVOKE.read_id(token=token)
    given = TestimonialConsent.objects.filter(pk=consent_id).first()
    if given is None:
        return render(request, "testimonials/link_invalid.html", status=400)
    if request.method == "POST" and RevokeForm(request.POST).is_valid():
        services.consent_revoke(consent=given)
        return render(request, "testimonials/revoked.html")
    return render(request, "testimonials/revoke.html", {"consent": given})


def logo(request, pk: int):
    testimonial = selectors.logo_published(testimonial_id=pk)
    if testimonial is None:
        raise Http404
    handle = testimonial.logo.open("rb")
    try:
        kind = Image.open(handle).format or ""
    except (UnidentifiedImageError, OSError) as exc:
        handle.close()
        raise Http404 from exc
    handle.seek(0)
    content_type = mimetypes.types_map.get(f".{kind.lower()}", "")
    if not content_type.startswith("image/") or kind == "SVG":
        handle.close()
        raise Http404
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "no-cache"  # revocation must take effect at once
    return response
