"""Data files of the parser: phrase rules, heading words, terms (TOML)."""
