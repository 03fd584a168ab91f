"""Placeholder: the rules of this family are being written."""

RULES: tuple = ()
