from .calendar import CalendarDay

__all__ = ["CalendarDay"]
