"""The wallet's fixtures, and the gig market's employer and published gig for the history told per gig."""

from nuanxin.gigs.tests.factories import employer, posted  # noqa: F401 - fixtures
from nuanxin.wages.tests.factories import named_worker  # noqa: F401 - fixtures
