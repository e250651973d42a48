"""How the jobs app shows its records to the API and pages (dicts), masking personal data; one module per part."""
