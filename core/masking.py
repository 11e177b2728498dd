"""Masking of personal data shown in lists and pages (ID numbers, phones, credit codes)."""


def mask_phone(value: str | None) -> str:
    """13912345678 → 139****5678; landlines keep the area code and the last 2 digits."""
    if not value:
        return ""
    digits = value.strip()
    if len(digits) >= 11:
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) > 4:
        return f"{digits[:2]}{'*' * (len(digits) - 4)}{digits[-2:]}"
    return "*" * len(digits)


def mask_id_number(value: str | None) -> str:
    """620502199001011234 → 6205**********1234 (region prefix and last 4 only)."""
    if not value:
        return ""
    v = value.strip()
    if len(v) <= 8:
        return "*" * len(v)
    return f"{v[:4]}{'*' * (len(v) - 8)}{v[-4:]}"


def mask_for_audit(value: str | None) -> str:
    """The audit log's mask (auditlog `mask_callable`): never more than the pages' own masks show.

    An 18-character identifier (身份证号码, 统一社会信用代码) reads as `mask_id_number`, other codes
    and phones as `mask_phone`, text such as an address keeps its first 6 characters (the district),
    like `Party.masked_address` — so the audit log and a page together reveal nothing a page alone
    does not.
    """
    if not value or value == "None":
        return ""
    v = value.strip()
    if v.isascii():
        return mask_id_number(v) if len(v) == 18 else mask_phone(v)
    return f"{v[:6]}****" if len(v) > 6 else "*" * len(v)
