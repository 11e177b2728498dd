"""Shared pieces of the demo data (names, the scenario's day, the bulk writer), used by every app's
seeder."""

from datetime import date

from django.db import connection
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


# --- the bulk writer --------------------------------------------------------------------------------

#: Column types whose Python value PostgreSQL's COPY takes as it is (no get_db_prep_save needed).
_PLAIN = {
    "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField", "SmallIntegerField",
    "PositiveIntegerField", "PositiveBigIntegerField", "PositiveSmallIntegerField", "BooleanField",
    "DateField", "DecimalField", "FloatField", "ForeignKey", "OneToOneField",
}  # fmt: skip
_TEXT = {"CharField", "TextField", "EmailField", "SlugField", "URLField"}


def bulk_insert(model, rows, *, fields=None, ids: bool = True, batch_size: int = 5000) -> None:
    """Insert `rows` of `model` as `bulk_create` would (defaults, auto_now, the ids of related objects
    saved since they were assigned).

    `rows` are unsaved instances — their primary keys set when `ids` — or, with `fields` (attnames
    such as "case_id"), tuples of those fields' values: the other fields take their defaults, and no
    model instance is built on PostgreSQL (the tuples get no ids back).

    On PostgreSQL one COPY: the seeders' mass rows (hundreds of thousands at `--scale 10`) without
    compiling an INSERT per batch — the ids are reserved from the table's sequence first. Elsewhere
    (SQLite, `make run`) `bulk_create(batch_size=…)`."""
    rows = list(rows)
    if not rows:
        return
    meta = model._meta
    if connection.vendor != "postgresql":
        if fields is not None:
            rows = [model(**dict(zip(fields, row, strict=True))) for row in rows]
        model.objects.bulk_create(rows, batch_size=batch_size)
        return
    now = timezone.now()
    quote = connection.ops.quote_name
    if fields is not None:
        given = [meta.get_field(name) for name in fields]
        rest = [f for f in meta.concrete_fields if f not in given and f is not meta.pk]
        defaults = tuple(now if _stamped(f) else _prepared(f, f.get_default()) for f in rest)
        preps = [None if f.get_internal_type() in _PLAIN else f for f in given]
        if any(preps):
            rows = ([_prepared(f, v) if f else v for f, v in zip(preps, row, strict=True)] for row in rows)
        columns, values = given + rest, (tuple(row) + defaults for row in rows)
    else:
        if ids:
            _reserve_ids(meta, rows)
        columns = [f for f in meta.concrete_fields if ids or f is not meta.pk]
        getters = [_getter(f, now) for f in columns]
        values = ([get(obj) for get in getters] for obj in rows)
    sql = f"COPY {quote(meta.db_table)} ({', '.join(quote(f.column) for f in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in values:
            copy.write_row(row)


def _stamped(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _prepared(field, value):
    """`value` as COPY takes it for `field` (text for lazy strings and choices, Jsonb for JSON …)."""
    kind = field.get_internal_type()
    if kind in _PLAIN or value is None:
        return value
    if kind in _TEXT:
        return value if type(value) is str else str(value)
    return field.get_db_prep_save(value, connection)


def _reserve_ids(meta, objs) -> None:
    """The next ids of the table's sequence, one per instance without a primary key."""
    need = [o for o in objs if o.pk is None]
    if not need:
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
        [sequence] = cursor.fetchone()
        cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, len(need)])
        for obj, (value,) in zip(need, cursor.fetchall(), strict=True):
            obj.pk = value
            obj._state.adding, obj._state.db = False, connection.alias


def _getter(field, now):
    """How to read `field`'s database value off an instance (what bulk_create's compiler does)."""
    attname = field.attname
    if _stamped(field):

        def stamp(obj):
            setattr(obj, attname, now)
            return now

        return stamp
    if field.is_relation:
        name = field.name

        def related(obj):
            value = obj.__dict__[attname]
            if value is None:
                # the related object saved since it was assigned (bulk_create does the same)
                target = obj._state.fields_cache.get(name)
                if target is not None:
                    if target.pk is None:
                        raise ValueError(f"bulk_insert: {obj!r}.{name} is unsaved")
                    value = target.pk
                    obj.__dict__[attname] = value
            return value

        return related
    if field.get_internal_type() in _PLAIN:
        return lambda obj: obj.__dict__[attname]
    return lambda obj: _prepared(field, obj.__dict__[attname])
