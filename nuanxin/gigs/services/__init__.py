"""Every change in the gig market, each in one transaction, one module per sub-domain:
postings, applications, attendance (on site), settlement (pay), trust (ratings, reliability,
reports) and autofill; every status change of an application goes through transitions. Other
apps and the pages import from here; the names below are the public door."""

from nuanxin.gigs.services.access import (  # noqa: F401
    employer_of,
)
from nuanxin.gigs.services.applications import (  # noqa: F401
    LATE_CANCEL,
    application_accept,
    application_apply,
    application_cancel,
    application_no_show,
    application_reject,
)
from nuanxin.gigs.services.attendance import (  # noqa: F401
    CHECKIN_EARLY,
    CHECKOUT_LATE,
    GPS_TOLERANCE_M,
    MAX_GPS_ACCURACY_M,
    check_in,
    check_out,
    timesheet_edit,
)
from nuanxin.gigs.services.autofill import (  # noqa: F401
    AUTOFILL_RADIUS_M,
    gig_autofill,
)
from nuanxin.gigs.services.postings import (  # noqa: F401
    GEOFENCE_M,
    MAX_SHIFT,
    MAX_SHIFTS,
    checkin_radius_m,
    gig_close,
    gig_create,
    gig_publish,
    gig_set_instant,
    shift_cancel,
)
from nuanxin.gigs.services.settlement import (  # noqa: F401
    AUTO_RELEASE_AFTER,
    application_confirm,
    application_dispute,
    contest_accept,
    dispute_settle,
    disputed_amount_fen,
    refund_ended_shifts,
    release_contested_wages,
    release_due_wages,
)
from nuanxin.gigs.services.transitions import (  # noqa: F401
    application_create,
    application_transition,
)
from nuanxin.gigs.services.trust import (  # noqa: F401
    gig_report,
    rating_create,
    reliability_appeal,
    reliability_decide,
    report_review,
)
