"""Placeholder: replaced by the demo driver."""


def run(*, scale: int, stdout) -> None:
    return None
