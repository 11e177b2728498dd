"""Forms of the reconsideration pages. They validate shape only; every rule lives in `services`.

Field names are the keyword arguments of the service each form feeds, so a view can pass
`form.service_kwargs()` straight through. Choices of people and units are narrowed to the case's
reconsideration body (复议机关) or the user's jurisdiction; the services check them again.
"""

from ._base import (  # noqa: F401
    NUMBER_HELP,
    TEXTAREA,
    TEXTAREA_LONG,
    PeopleChoiceField,
    PersonChoiceField,
    ServiceForm,
    government_units,
    users_queryset,
)
from .actions import (  # noqa: F401
    AcceptForm,
    ApproveDecisionForm,
    ArchiveForm,
    AssignForm,
    CaseActionForm,
    CloseForm,
    CommitteeConsultForm,
    ConfirmForm,
    ConvertForm,
    CopyReceiptForm,
    CorrectionNoticeReceiptForm,
    DelayReasonForm,
    DraftForm,
    ExpertConsultationForm,
    ExtendCorrectionForm,
    ExtendForm,
    HearingRecordForm,
    HearingScheduleForm,
    HearPartiesForm,
    LetterReceiptForm,
    LetterReportForm,
    MediateForm,
    MediationSessionForm,
    MediationStatusForm,
    OpinionLetterForm,
    ReasonForm,
    ReceiveCorrectionForm,
    RejectForm,
    ReplyForm,
    RequestCorrectionForm,
    ResumeForm,
    ReviewForm,
    ReviewRecordForm,
    SendCopyForm,
    ServeForm,
    StartReviewForm,
    StayExecutionForm,
    SubmitForm,
    SuspendForm,
    TerminateForm,
)
from .case import (  # noqa: F401
    CaseRegisterForm,
    CaseUpdateForm,
)
from .registers import (  # noqa: F401
    LINKAGE_PARTNER_KINDS,
    ExpertEditForm,
    ExpertForm,
    LinkageEditForm,
    LinkageForm,
    MeetingConsultForm,
    MeetingForm,
    StatisticsForm,
)
