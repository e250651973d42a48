"""The employment service's pages, one module per sub-domain (vacancies, seekers, fairs, policies)."""
