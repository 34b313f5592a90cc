"""wobtrack: track Dutch Wob/Woo freedom-of-information requests.

Log requests and their numbered items, parse decision letters into per-item outcomes,
and compute every legal deadline exactly (Awb, Woo/Wob, Algemene termijnenwet).
"""

__version__ = "0.1.0"
