"""What a gig posting may not say: the shared fairness screen (core/fairness.py) as (code, message).

The rules — fees and deposits, withheld wages or documents, and limits by sex, ethnicity,
religion, disability, household registration, infectious disease, marriage and children, age
or looks — are data staff keep in the admin; each message names the words found, what the law
forbids, how to fix the ad, and the article.
"""

from nuanxin.core import fairness


def problems(*texts: str) -> list[tuple[str, str]]:
    """(code, message) for every rule the texts break; empty when the posting is fine."""
    return [(f.code, fairness.explain(f)) for f in fairness.screen(*texts)]
