"""views of the jobs app, one module per part (vacancies, seekers, fairs)."""
