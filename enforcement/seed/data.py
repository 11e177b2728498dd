"""Names and volumes of the enforcement demo data (scale 1)."""

from django.conf import settings


def volume(base: int, scale: int) -> int:
    """`base` × scale × settings.ENFORCEMENT_DEMO_FRACTION (at least 1)."""
    return max(1, round(base * scale * getattr(settings, "ENFORCEMENT_DEMO_FRACTION", 1)))


AGENCIES = 327  # subject certificates (主体资格证) across city, county and township levels
OFFICERS = 8950  # per scale
RENEWED = 99  # officers whose earlier certificate was renewed: 8,950 + 99 = 9,049 certificates
CASES = 5000  # per scale

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
    "苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
    "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欢阳佳"
UNITS_UNDER_AGENCY = ("执法支队", "执法一大队", "执法二大队", "执法所")
POSTS = ("科员", "副科长", "科长", "执法队员", "中队长", "大队长")
TOPICS = (
    "《行政处罚法》专题培训",
    "行政执法“三项制度”培训",
    "行政执法案卷评查规范",
    "证据收集与固定实务",
    "行政执法文书制作",
    "行政裁量权基准适用",
    "听证程序实务",
    "执法全过程记录实务",
)
PARTIES = (
    "商贸有限公司",
    "餐饮店",
    "建材经营部",
    "运输有限公司",
    "农资门市部",
    "食品厂",
    "汽车修理厂",
    "药店",
)
ITEMS = (
    ("销售不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百二十四条", 50000, 100000),
    ("未取得许可从事经营活动", "《无证无照经营查处办法》第十三条", 5000, 50000),
    ("超标排放污染物", "《中华人民共和国大气污染防治法》第九十九条", 100000, 1000000),
    ("道路运输车辆超限运输", "《公路安全保护条例》第六十四条", 1000, 30000),
    ("销售假劣农资", "《农药管理条例》第五十五条", 5000, 50000),
    ("违法建设", "《中华人民共和国城乡规划法》第六十四条", 20000, 200000),
)
