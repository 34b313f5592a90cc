"""Sample Wob and Woo requests and decision letters (sources and PDFs) for ``wobtrack demo``."""
