"""/my-data/ as a privacy center: a card per category, requests with their deadline, and each
right in one sentence with its own form (issue 15)."""

import re

from privacy.categories import CATEGORY_LABELS
from privacy.forms import MY_DATA_RIGHTS
from privacy.models import SubjectRequest
from privacy.registry import registry


def test_every_category_of_the_declarations_has_a_name_for_people():
    assert set(registry.categories()) <= set(CATEGORY_LABELS)


def test_one_card_per_category_with_what_is_held(acme, acme_member_client):
    html = acme_member_client.get("/my-data/").content.decode()
    tenant_categories = {entry.category for entry in registry.entries(scope="tenant")}
    cards = re.findall(r'id="my-data-category-([\w-]+)"', html)
    assert sorted(cards) == sorted(tenant_categories)
    profile = html[html.index('id="my-data-category-profile"') :]
    profile = profile[: profile.index("</article>")]
    assert "<h3" in profile and "Your profile" in profile
    assert re.search(r"\d+ records?", profile)  # the member's own account is held
    assert "Nothing held about you" in html  # an empty category says so, not "0"


def test_each_right_has_a_sentence_and_a_form_that_files_it(acme, acme_member_client):
    html = acme_member_client.get("/my-data/").content.decode()
    for right in MY_DATA_RIGHTS:
        assert f'name="type" value="{right["type"]}"' in html
        assert str(right["text"]) in html
    acme_member_client.post("/my-data/", {"type": "access"})
    request = SubjectRequest.objects.get()
    html = acme_member_client.get("/my-data/").content.decode()
    due = request.effective_due_date
    assert f"We answer by {due.day} {due:%B} {due.year} at the latest." in html


def test_a_right_missing_its_detail_shows_the_error_under_that_right(acme, acme_member_client):
    acme_member_client.cookies["django_language"] = "fr"
    response = acme_member_client.post("/my-data/", {"type": "rectification", "details": ""})
    html = response.content.decode()
    assert not SubjectRequest.objects.exists()
    form = html[html.index('value="rectification"') :]
    form = form[: form.index("</form>")]
    assert 'class="field-error"' in form
    assert "Votre demande n’a pas été envoyée" in html  # noqa: RUF001


def test_dpo_lists_each_right_with_a_link_that_chooses_it_in_the_form(public_client):
    from privacy.forms import PUBLIC_RIGHTS

    html = public_client.get("/dpo/").content.decode()
    for type_, text in PUBLIC_RIGHTS:
        assert f'href="?type={type_.value}#dpo-form"' in html and str(text) in html
    html = public_client.get("/dpo/?type=erasure").content.decode()
    assert '<option value="erasure" selected>' in html
    # An unknown type is ignored, not an error.
    assert public_client.get("/dpo/?type=<script>").status_code == 200
