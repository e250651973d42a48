"""The employment service's forms, one module per sub-domain (as views are)."""
