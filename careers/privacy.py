from django.utils.translation import gettext_lazy as _

from privacy.registry import (
    CONTRACT,
    KEEP,
    PERSONAL,
    PersonalModel,
    Retention,
    Scope,
    by_email,
    not_personal,
    register,
)
from retention.policies import field_is, field_is_not

not_personal("careers.JobOpening", "Job descriptions written by staff.")

register(
    PersonalModel(
        model="careers.Application",
        category="job_applications",
        description=_("Your job application: name, email, phone, CV and cover letter."),
        purpose=_("Recruitment, and if you are hired, your employment."),
        legal_basis=CONTRACT,  # steps taken at the applicant's request before a contract
        scope=Scope.PUBLIC,
        subject=by_email("email"),
        data_subjects=_("Job applicants"),
        retention=(
            Retention(
                key="job_applicants",
                label=_("Job applications (not hired), with the CV"),
                anchor=_("the application"),
                period={"years": 2},
                basis=_("CNIL guidance on recruitment files, to offer you another position"),
                anchor_field="created_at",
                where=field_is_not("status", "hired"),
            ),
            Retention(
                key="hired_applicants",
                label=_("Applications of people we hired, with the CV"),
                anchor=_("the end of the employment"),
                period={"years": 3},
                basis=_("Limitation periods of employment claims (French Labour Code)"),
                # A hire with no end date yet never matches: NULL is not before any cutoff.
                anchor_field="employment_end",
                where=field_is("status", "hired"),
            ),
        ),
        files=("cv",),
        fields={
            "id": KEEP,
            "opening": KEEP,
            "name": PERSONAL,
            "email": PERSONAL,
            "phone": PERSONAL,
            "cv": PERSONAL,
            "cover_letter": PERSONAL,
            "language": KEEP,
            "created_at": KEEP,
            "status": PERSONAL,
            "employment_start": PERSONAL,
            "employment_end": PERSONAL,
        },
    )
)
