"""The audit trail's vocabulary: who acted (`Actor`) and what they did (`AuditAction`).

`core.services.audit_log` takes only these, so a trail row always names one of four kinds of
actor in one label format, and one of a closed list of actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


class ActorKind(StrEnum):
    STAFF = "staff"  # a Perfony staff user, in the back office
    USER = "user"  # an extranet's user, on their extranet
    REQUESTER = "requester"  # a person without an account: public forms, links, subject requests
    SYSTEM = "system"  # a task, a job or a command


@dataclass(frozen=True)
class Actor:
    """Who did it. `label` is the one text form, stored in the trail and passed to tasks.

    `Actor.from_label(actor.label)` gives the same kind and name back; the user id does not
    travel in the label (a task's trail rows then carry the name only).
    """

    kind: ActorKind
    name: str = ""
    user_id: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, ActorKind):
            raise TypeError(f"actor kind must be an ActorKind, not {self.kind!r}")
        if any(c in self.name for c in "\r\n"):
            raise ValueError("an actor's name is one line")

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.name}" if self.name else str(self.kind)

    @classmethod
    def from_label(cls, label: str) -> Actor:
        kind, _sep, name = label.partition(":")
        try:
            return cls(kind=ActorKind(kind), name=name)
        except ValueError:
            raise ValueError(f"not an actor label: {label!r}") from None

    @classmethod
    def staff(cls, user: AbstractBaseUser) -> Actor:
        return cls(kind=ActorKind.STAFF, name=user.get_username(), user_id=user.pk)

    @classmethod
    def user(cls, user: AbstractBaseUser) -> Actor:
        return cls(kind=ActorKind.USER, name=user.get_username(), user_id=user.pk)

    @classmethod
    def requester(cls, via: str = "") -> Actor:
        return cls(kind=ActorKind.REQUESTER, name=via)

    @classmethod
    def system(cls, task: str = "") -> Actor:
        return cls(kind=ActorKind.SYSTEM, name=task)

    @classmethod
    def of(cls, value: Actor | AbstractBaseUser | str | None) -> Actor:
        """The actor a service was handed: an Actor, a user, a label, or None (the system).

        A user is staff when `is_staff`, else an extranet user. A string must be a label.
        """
        if value is None:
            return cls.system()
        if isinstance(value, Actor):
            return value
        if isinstance(value, str):
            return cls.from_label(value)
        return cls.staff(value) if getattr(value, "is_staff", False) else cls.user(value)


class AuditAction(StrEnum):
    """Every action the trail records. The values are stored: never rename one."""

    # accounts
    ACCOUNT_EMAIL_VERIFIED = "account.email_verified"
    STAFF_SESSIONS_ENDED = "staff.sessions_ended"
    # careers
    APPLICATION_RECEIVED = "careers.application_received"
    APPLICATION_STATUS_SET = "careers.application_status_set"
    APPLICATION_DELETED = "careers.application_deleted"
    CV_DOWNLOADED = "careers.cv_downloaded"
    # consent
    CONSENT_RECORDED = "consent.recorded"
    # core
    FIELD_KEYS_ROTATED = "core.field_keys_rotated"
    # extranet: profile, company, members
    PROFILE_UPDATED = "profile.updated"
    PROFILE_AVATAR_SET = "profile.avatar_set"
    PROFILE_AVATAR_REMOVED = "profile.avatar_removed"
    PROFILE_EMAIL_CHANGE_REQUESTED = "profile.email_change_requested"
    PROFILE_EMAIL_CHANGED = "profile.email_changed"
    COMPANY_UPDATED = "company.updated"
    MEMBER_INVITED = "member.invited"
    MEMBER_JOINED = "member.joined"
    MEMBER_INVITATION_REVOKED = "member.invitation_revoked"
    MEMBER_ACTIVATED = "member.activated"
    MEMBER_DEACTIVATED = "member.deactivated"
    MEMBER_ADMIN_GRANTED = "member.admin_granted"
    MEMBER_ADMIN_REMOVED = "member.admin_removed"
    # legal
    POLICY_PUBLISHED = "legal.policy_published"
    # meetings
    MEETING_CREATED = "meetings.meeting_created"
    MEETING_UPDATED = "meetings.meeting_updated"
    ACTION_CREATED = "meetings.action_created"
    ACTION_UPDATED = "meetings.action_updated"
    # privacy: subject requests (one per step of the trail), exports, erasure, holds
    REQUEST_RECEIVED = "privacy.request_received"
    REQUEST_VERIFIED = "privacy.request_verified"
    REQUEST_APPROVED = "privacy.request_approved"
    REQUEST_REJECTED = "privacy.request_rejected"
    REQUEST_EXTENDED = "privacy.request_extended"
    REQUEST_PROCESSING = "privacy.request_processing"
    REQUEST_BLOCKED = "privacy.request_blocked"
    REQUEST_COMPLETED = "privacy.request_completed"
    REQUEST_FAILED = "privacy.request_failed"
    REQUEST_RETRIED = "privacy.request_retried"
    REQUEST_CANCELLED = "privacy.request_cancelled"
    REQUEST_EXPIRED = "privacy.request_expired"
    REQUEST_DETACHED_FROM_EXTRANET = "privacy.request_detached_from_extranet"
    EXPORT_CREATED = "privacy.export_created"
    EXPORT_EXPIRED = "privacy.export_expired"
    EXPORT_DELETED_WITH_EXTRANET = "privacy.export_deleted_with_extranet"
    ERASURE_EXECUTED = "privacy.erasure_executed"
    LEGAL_HOLD_PLACED = "privacy.legal_hold_placed"
    LEGAL_HOLD_CHANGED = "privacy.legal_hold_changed"
    SUPPRESSION_ADDED = "privacy.suppression_added"
    # prospects
    PROSPECT_CREATED = "prospects.prospect_created"
    PROSPECT_UPDATED = "prospects.prospect_updated"
    PROSPECT_DELETED = "prospects.prospect_deleted"
    OPT_IN_GIVEN = "prospects.opt_in_given"
    MESSAGE_RECEIVED = "prospects.message_received"
    NEWSLETTER_CONFIRMED = "prospects.newsletter_confirmed"
    NEWSLETTER_UNSUBSCRIBED = "prospects.newsletter_unsubscribed"
    NEWSLETTER_QUEUED = "prospects.newsletter_queued"
    PARTNER_EXPORT = "prospects.partner_export"
    # retention
    EXTRANET_DROP_BLOCKED = "retention.extranet_drop_blocked"
    EXTRANET_DROPPED = "retention.extranet_dropped"
    RETENTION_PURGED = "retention.purged"  # written in SQL by retention.sql, one per row purged
    RETENTION_BATCH_PURGED = "retention.batch_purged"  # in SQL too, one per batch of other rows
    # surveys
    SURVEY_INVITATIONS_CREATED = "surveys.invitations_created"
    SURVEY_RESPONSE_CREATED = "surveys.response_created"
    # tenants: provisioning and the controls that gate an extranet's erasure and drop
    EXTRANET_CREATED = "extranet.created"
    EXTRANET_ADMIN_CREATED = "extranet.admin_created"
    EXTRANET_UPDATED = "extranet.updated"
    EXTRANET_LEGAL_HOLD_SET = "extranet.legal_hold_set"
    EXTRANET_LEGAL_HOLD_RELEASED = "extranet.legal_hold_released"
    EXTRANET_CONTRACT_CHANGED = "extranet.contract_changed"
    # testimonials
    TESTIMONIAL_CREATED = "testimonials.created"
    TESTIMONIAL_UPDATED = "testimonials.updated"
    TESTIMONIAL_DELETED = "testimonials.deleted"
    TESTIMONIAL_CONSENT_REQUESTED = "testimonials.consent_requested"
    TESTIMONIAL_CONSENT_GIVEN = "testimonials.consent_given"
    TESTIMONIAL_CONSENT_REVOKED = "testimonials.consent_revoked"
