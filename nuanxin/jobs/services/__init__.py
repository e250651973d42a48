"""Every change to the employment service's tables, one module per sub-domain (vacancies, seekers, referrals, fairs)."""
