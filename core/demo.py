"""Shared pieces of the demo data (names, the scenario's day), used by every app's seeder."""

from datetime import date

from django.utils import timezone

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
)
GIVEN = [
    "建华",
    "晓燕",
    "国强",
    "丽娟",
    "志刚",
    "海燕",
    "永红",
    "文静",
    "明辉",
    "春梅",
    "振宇",
    "雅琴",
    "俊杰",
    "秀英",
    "宏伟",
    "玉兰",
    "立新",
    "晓明",
    "红霞",
    "德胜",
    "天佑",
    "小军",
    "桂芳",
    "世杰",
]


def person_name(rng) -> str:
    """A plausible Chinese name drawn with `rng` (a random.Random)."""
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def staff_name(seq: int) -> str:
    """A deterministic name for the seq-th generated staff member."""
    return SURNAMES[seq % len(SURNAMES)] + GIVEN[(seq * 7) % len(GIVEN)]


# --- scenarios (`seed_demo --scenario`) -----------------------------------------------------------

#: The demo scenarios: name → the day the scenario's seeders take as "today" (the article's year
#: ends then). docs/indicators.md (the tianshui-2023 scenario) lists the figures each must show.
SCENARIOS = {"tianshui-2023": date(2023, 12, 31)}

_scenario_today = None


def demo_today():
    """The "today" a seeder builds its history up to: the scenario's day while `seed_demo --scenario`
    runs, the real date otherwise."""
    return _scenario_today or timezone.localdate()


class scenario:
    """`with scenario("tianshui-2023"):` — the seeders run inside see the scenario's day as today."""

    def __init__(self, name: str):
        self.day = SCENARIOS[name]

    def __enter__(self):
        global _scenario_today
        _scenario_today = self.day
        return self

    def __exit__(self, *exc):
        global _scenario_today
        _scenario_today = None
        return False
