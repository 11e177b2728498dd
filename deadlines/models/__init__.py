from .calendar import CalendarDay, CalendarSource, CalendarYear
from .deadline import Deadline, DeadlineEvent
from .notification import Notification

__all__ = ["CalendarDay", "CalendarSource", "CalendarYear", "Deadline", "DeadlineEvent", "Notification"]
