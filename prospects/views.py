from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.http import client_ip
from core.ratelimit import rate_limit_exceeded
from core.views import protected_form_view
from prospects import services, tokens
from prospects.forms import ContactForm, NewsletterForm, ReferralForm
from prospects.models import NewsletterSubscription

REFERRER_LIMIT = 3  # invitations per referrer address
REFERRER_WINDOW = 60 * 60


@require_http_methods(["GET", "POST"])
def contact(request):
    def submit(form):
        data = form.cleaned_data
        services.contact_message_submit(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            company=data["company"],
            message=data["message"],
            language=translation.get_language(),
            ip=client_ip(request),
            news_text=str(form.fields["news"].label) if data["news"] else None,
            partners_text=str(form.fields["partners"].label) if data["partners"] else None,
        )

    return protected_form_view(
        request,
        form_class=ContactForm,
        template="prospects/contact.html",
        scope="contact",
        on_valid=submit,
        done="prospects:contact_done",
    )


def contact_done(request):
    return render(request, "prospects/done.html", {"kind": "contact"})


@require_http_methods(["GET", "POST"])
def newsletter(request):
    def submit(form):
        data = form.cleaned_data
        services.newsletter_subscribe(
            email=data["email"],
            name=data["name"],
            language=translation.get_language(),
            text_shown=str(form.fields["consent"].label),
            ip=client_ip(request),
        )

    return protected_form_view(
        request,
        form_class=NewsletterForm,
        template="prospects/newsletter.html",
        scope="newsletter",
        on_valid=submit,
        done="prospects:newsletter_done",
    )


def newsletter_done(request):
    return render(request, "prospects/done.html", {"kind": "newsletter"})


def newsletter_confirm(request, token: str):
    subscription = services.newsletter_confirm(token=token)
    status = 200 if subscription else 400
    return render(
        request, "prospects/confirmed.html", {"subscription": subscription}, status=status
    )


@csrf_exempt  # RFC 8058 one-click: mail clients POST here without a CSRF token
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token: str):
    subscription_id = tokens.NEWSLETTER_UNSUBSCRIBE.read_id(token=token)
    subscription = NewsletterSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None:
        raise Http404
    if request.method == "POST":
        services.newsletter_unsubscribe(subscription=subscription)
        return render(request, "prospects/unsubscribed.html")
    # A GET only asks: mail scanners open links, and must not unsubscribe anyone.
    return render(request, "prospects/unsubscribe.html", {"subscription": subscription})


@require_http_methods(["GET", "POST"])
def referral(request):
    def submit(form):
        data = form.cleaned_data
        if rate_limit_exceeded(
            scope="referrer",
            value=data["referrer_email"],
            limit=REFERRER_LIMIT,
            window_seconds=REFERRER_WINDOW,
        ):
            return _("You have sent several invitations already. Please try again later."), 429
        try:
            services.referral_send(
                referrer_name=data["referrer_name"],
                referrer_email=data["referrer_email"],
                friend_name=data["friend_name"],
                friend_email=data["friend_email"],
                language=translation.get_language(),
            )
        except services.ReferralNotSent:
            message = _("We could not send the invitation. Check the address or try again later.")
            return message, 400
        return None

    return protected_form_view(
        request,
        form_class=ReferralForm,
        template="prospects/referral.html",
        scope="referral",
        on_valid=submit,
        done="prospects:referral_done",
    )


def referral_done(request):
    return render(request, "prospects/done.html", {"kind": "referral"})
