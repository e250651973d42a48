"""Pages of the employment service; each part in its own module."""
