from django.utils.translation import gettext_lazy as _

from privacy.registry import KEEP, PERSONAL, PersonalModel, not_personal, register

not_personal("careers.JobOpening", "Job descriptions written by staff.")

register(
    PersonalModel(
        model="careers.Application",
        category="job_applications",
        description=_("Your job application: name, email, phone, CV and cover letter."),
        purpose=_("Recruitment, and if you are hired, your employment."),
        retention=_(
            "2 years from the application; if you are hired, the contract plus 3 years after "
            "its end."
        ),
        scope="public",
        subject="email",
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
