"""The State Council notices the work calendar comes from (one a year)."""

#: 国务院办公厅关于<year>年部分节假日安排的通知 — the number of each year's notice, which the
#: holidays synchronised from `chinesecalendar` carry (the package transcribes these notices).
STATE_COUNCIL_NOTICES = {
    2020: "国办发明电〔2019〕16号",
    2021: "国办发明电〔2020〕27号",
    2022: "国办发明电〔2021〕11号",
    2023: "国办发明电〔2022〕16号",
    2024: "国办发明电〔2023〕7号",
    2025: "国办发明电〔2024〕12号",
    2026: "国办发明电〔2025〕7号",
}


def state_council_notice(year: int) -> str:
    """The State Council notice number of `year`'s holidays, "" when not known here."""
    return STATE_COUNCIL_NOTICES.get(year, "")
