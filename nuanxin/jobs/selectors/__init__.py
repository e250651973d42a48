"""Every read of the employment service's tables, one module per sub-domain (vacancies, seekers, fairs, policies)."""
