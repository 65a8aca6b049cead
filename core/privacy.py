from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, Anonymise, PersonalModel, Row, not_personal, register

register(
    PersonalModel(
        model="core.AuditEvent",
        category="audit_trail",
        description=_("Who changed which record and when (field names, never values)."),
        purpose=_("Accountability for changes to personal data."),
        retention=_("5 years after the change, then deleted."),
        scope="tenant",
        subject="actor_id",
        # Erasure redacts the trail instead of deleting it: the fact of a change stays provable.
        row=Row.ANONYMISE,
        fields={
            "id": KEEP,
            "at": KEEP,
            "actor_id": KEEP,
            "actor_label": Anonymise("former user"),
            "action": KEEP,
            "object_type": KEEP,
            "object_id": KEEP,
            "data": KEEP,
        },
    )
)

not_personal(
    "core.OutboxMessage",
    "Task names and record ids to send to Celery, and the staff username that asked; "
    "sent messages are deleted after 7 days (core.outbox_sent_purge).",
)
not_personal("core.OnceKey", "Names of daily jobs and their dates.")
