"""Sample requests and decision letters shipped with wobtrack (used by `wobtrack demo`)."""
