from dataclasses import replace

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from privacy.registry import registry
from retention import policies
from retention.policies import Action, policy_list, policy_problems
from retention.selectors import policies_for_schema, retention_policy_table


def test_the_declared_policies_are_sound():
    assert policy_problems() == []


def test_a_delete_policy_on_a_table_with_undeclared_children_is_refused(monkeypatch):
    audit = policies.policy_get("audit_trail")
    users = replace(audit, key="users", covers="accounts.User", anchor_field="date_joined")
    declared = policy_list()
    monkeypatch.setattr(policies, "policy_list", lambda: [*declared, users])
    problems = policy_problems()
    assert any("account.EmailAddress.user points at accounts.User" in p for p in problems)


def test_conditions_and_expiries_naming_no_such_field_are_refused(monkeypatch):
    from retention.policies import FirstOf, WhileConsented, field_is_not

    invitations = policies.policy_get("invitations")
    testimonials = policies.policy_get("testimonials")
    wrong = [
        replace(invitations, key="a", expiry=FirstOf(("accepted_at", "nope"))),
        replace(invitations, key="b", where=(field_is_not("state", "x"),)),
        replace(invitations, key="c", expiry=FirstOf(("email",))),
        replace(
            testimonials,
            key="d",
            expiry=WhileConsented(
                "extranet.Invitation", "invited_by", "accepted_at", ("created_at",)
            ),
        ),
    ]
    declared = policy_list()
    monkeypatch.setattr(policies, "policy_list", lambda: [*declared, *wrong])
    assert policy_problems() == [
        "a: extranet.Invitation has no field 'nope'",
        "b: where= names no field 'state' of extranet.Invitation",
        "c: anchor email is not a date",
        "d: extranet.Invitation.invited_by does not point at the row",
    ]


def test_a_period_can_be_overridden_in_settings(settings):
    settings.RETENTION_PERIODS = {"audit_trail": {"years": 7}}
    row = next(r for r in retention_policy_table() if r.key == "audit_trail")
    assert row.period == "7 years"
    settings.RETENTION_PERIODS = {"no_such_policy": {"days": 1}}
    assert policy_problems() == ["RETENTION_PERIODS: no policy 'no_such_policy'"]


def test_the_cookie_policy_is_listed_but_never_executed():
    cookie = policies.policy_get("consent_cookie")
    assert cookie.action is Action.NONE
    assert cookie not in policies_for_schema(schema_name="public")
    assert cookie not in policies_for_schema(schema_name="ext_acme")
    row = next(r for r in retention_policy_table() if r.key == "consent_cookie")
    assert row.period == "100 days"


@pytest.mark.parametrize(
    ("language", "label", "period"),
    [
        ("nl", "Inlogsessies", "5 jaar"),
        ("fr", "Sessions de connexion", "5 ans"),
        ("en", "Login sessions", "5 years"),
    ],
)
def test_the_table_is_in_the_current_language(language, label, period):
    with translation.override(language):
        rows = {r.key: r for r in retention_policy_table()}
    assert rows["sessions"].label == label
    assert rows["audit_trail"].period == period
    assert [r.key for r in rows.values()] == [p.key for p in policy_list()]


def test_the_template_renders_every_policy_for_the_privacy_page():
    with translation.override("nl"):
        html = render_to_string("retention/policy_table.html")
    for policy in policy_list():
        assert f'id="retention-{policy.key}"' in html
    assert "<caption>" in html and "Inlogsessies" in html


def test_the_registry_gives_the_audit_trail_its_policy_period():
    """My-data and the export show the registry's text: it must say what the purge does."""
    from privacy.selectors import entry_notice

    assert policies.policy_get("audit_trail").period == {"years": 5}
    assert entry_notice(entry=registry.personal["core.auditevent"])["retention"].startswith(
        "5 years"
    )


def test_the_export_lifetime_cannot_be_overridden_alone(settings):
    settings.RETENTION_PERIODS = {"exports": {"days": 30}}
    assert policy_problems() == [
        "RETENTION_PERIODS: 'exports' is DataExport.LIFETIME_DAYS; change both"
    ]


def test_public_forms_state_the_rules_period(public_client, settings):
    settings.RETENTION_PERIODS = {"prospects": {"years": 4}, "job_applicants": {"months": 18}}
    contact = public_client.get("/contact/").content.decode()
    assert "for 4 years after our last contact" in contact
    careers = public_client.get("/careers/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We keep applications for 1 year, 6 months, unless we hire you" in careers
    assert "contract plus 3 years" in careers


def test_each_rule_says_why_it_keeps_that_long():
    with translation.override("en"):
        html = render_to_string("retention/policy_table.html")
        rows = retention_policy_table()
    assert all(row.basis for row in rows)
    assert "French Civil Code art. 2224" in html
