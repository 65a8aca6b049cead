"""The declarative parts the coordinator will use for new data: children, conditions, expiries."""

from allauth.account.models import EmailAddress, EmailConfirmation
from django.utils import timezone

from retention.policies import TENANT, Action, Child, FirstOf, Policy, field_is
from retention.services import policy_execute
from tests.factories import UserFactory
from tests.support.tenants import in_schema


def test_children_are_deleted_in_the_same_batch_so_foreign_keys_hold(acme, small_batches):
    with in_schema(acme):
        user = UserFactory()
    policy = Policy(
        key="unverified_addresses",
        label="x",
        anchor="x",
        covers="account.EmailAddress",
        scope=TENANT,
        action=Action.DELETE,
        period=None,
        where=(field_is("verified", False), field_is("user", user.pk)),
        children=(Child("account.EmailConfirmation", "email_address"),),
    )
    with in_schema(acme):
        for n in range(3):
            address = EmailAddress.objects.create(user=user, email=f"u{n}@x.example")
            EmailConfirmation.objects.create(email_address=address, key=f"k{n}")
        kept = EmailAddress.objects.create(user=user, email="ok@x.example", verified=True)
        rows, batches = policy_execute(policy=policy, now=timezone.now())
        assert (rows, batches) == (3, 2)
        assert list(EmailAddress.objects.filter(user=user)) == [kept]
        assert not EmailConfirmation.objects.filter(key__startswith="k").exists()


def _plan(statement) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + statement.sql, statement.params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_batch_never_compares_every_row_with_every_id(acme):
    """The delete joins the batch's row ids unnested (a TID lookup per id, or a hash join):
    `ctid = ANY(array)` made a small table's batch a scan comparing each row with each id."""
    from retention import sql
    from retention.policies import policy_get

    audit = policy_get("audit_trail")  # keyset on `at`: the CTE shape
    sessions = Policy(
        key="plain",
        label="x",
        anchor="x",
        covers="sessions.Session",
        scope=TENANT,
        action=Action.DELETE,
        period=None,
        expiry=FirstOf(("expire_date",)),
    )  # no anchor column: the plain DELETE shape
    with in_schema(acme):
        for statement in (
            sql.delete_batch(audit, now=timezone.now(), limit=5000),
            sql.delete_batch(sessions, now=timezone.now(), limit=5000),
        ):
            plan = _plan(statement)
            assert "Delete on" in plan and "unnest" in statement.sql
            assert "ctid = ANY" not in plan, plan
            assert "Function Scan on unnest b" in plan, plan
