from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    KEEP,
    Anonymise,
    PersonalModel,
    Retention,
    Row,
    Scope,
    Source,
    by_user,
    legitimate_interest,
    not_personal,
    register,
)

register(
    PersonalModel(
        model="core.AuditEvent",
        category="audit_trail",
        description=_("Who changed which record and when (field names, never values)."),
        purpose=_("Accountability for changes to personal data."),
        legal_basis=legitimate_interest(_("proving who changed personal data, and when")),
        scope=Scope.BOTH,
        subject=by_user("actor_id"),
        sources=(Source.OBSERVED,),
        data_subjects=_("Extranet users and Perfony staff"),
        retention=Retention(
            key="audit_trail",
            label=_("Audit trail (who changed which record, and when)"),
            anchor=_("the recording of the change"),
            # As long as the closed subject requests whose handling the trail proves.
            period={"years": 5},
            basis=_("Limitation period for civil claims (French Civil Code art. 2224)"),
            anchor_field="at",
        ),
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
