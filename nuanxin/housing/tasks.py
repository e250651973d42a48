"""Housing's timed work: stays not checked in on their first day are given up (their nights
freed once, whatever number of workers run this), guests past their last morning are checked
out, and freed beds go to the waiting list."""

from nuanxin.core.timed import every_minute
from nuanxin.housing import services


def run_timed_work() -> dict:
    return {"forfeited": services.forfeit_due(), "checked_out": services.check_out_due(),
            "from_waitlist": services.fill_waitlists()}


@every_minute("housing.timed_work")
def timed_work():
    return run_timed_work()
