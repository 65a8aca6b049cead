"""Each user holds exactly one address, marked verified or not, and no two users of a schema
share one (case-insensitive), even an unverified one.

Before this, allauth's /accounts/email/ let a user add addresses that nobody proved and make
them primary. Rows that are not the user's own address are dropped (the account's address is
`user.email`; ACCOUNT_MAX_EMAIL_ADDRESSES is 1), missing rows are created unverified, and a
unique index on lower(email) makes the database refuse a shared address from now on.
"""

from django.db import migrations, models

INDEX = "account_emailaddress_email_ci_unique"


def one_address_per_user(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    users = {u.pk: u.email.lower() for u in User.objects.only("pk", "email")}
    keep: dict[int, object] = {}
    for address in EmailAddress.objects.order_by("-verified", "-primary", "pk"):
        if users.get(address.user_id) != address.email.lower() or address.user_id in keep:
            address.delete()
        else:
            keep[address.user_id] = address
    for address in keep.values():
        if not address.primary:
            address.primary = True
            address.save(update_fields=["primary"])
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=pk, email=email, primary=True, verified=False)
        for pk, email in users.items()
        if email and pk not in keep and not email.endswith("@erased.invalid")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_fields_and_encrypted_names"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="email_change_nonce_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(one_address_per_user, migrations.RunPython.noop),
        migrations.RunSQL(
            f"CREATE UNIQUE INDEX {INDEX} ON account_emailaddress (lower(email))",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
