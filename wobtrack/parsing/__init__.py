"""Decision-letter parsing: text in, data out."""
