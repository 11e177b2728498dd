"""Decoupled side effects of accounts (none carry business rules)."""
