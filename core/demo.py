"""Shared pieces of the demo data (names), used by every app's seeder."""

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
