"""`python manage.py seed_demo [--scale N] [--scenario tianshui-2023]`: demo data for a demonstration or
a benchmark. A scenario runs every registered seeder at scale 1 with the scenario's day as the seeders'
"today" (`core.demo.scenario`), so that the dashboard shows the figures docs/indicators.md lists for it.

Idempotent (every seeder looks its records up by a stable key before creating them) and refused
unless settings.DEMO_MODE is on — production settings turn it off, because the demo users share a
published password.

Apps plug in from their AppConfig.ready() with `core.registry.register_seeder(name, func, order=…,
label=…)`, `func(scale: int, stdout) -> None`; the seeders run in order, each in its own transaction.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.choices import Role
from accounts.management.demo import DEMO_PASSWORD, DEMO_USERS
from core.demo import SCENARIOS
from core.demo import scenario as _scenario
from core.registry import seeders
from core.workflow import composed


class Command(BaseCommand):
    help = "生成演示数据：天水市组织机构、演示用户及各业务模块的示例记录（仅限演示模式）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="数据规模倍数（默认 1；基准测试用 10）。",
        )
        parser.add_argument(
            "--scenario",
            choices=sorted(SCENARIOS),
            default="",
            help="演示场景：tianshui-2023 生成与《天水市“六道关口”》报道数字一致的数据（规模固定为 1）。",
        )

    def handle(self, *args, scale: int, scenario: str = "", **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                _("当前不是演示模式（DEMO_MODE=False），拒绝生成演示数据：演示用户使用公开的演示密码。")
            )
        if scale < 1:
            raise CommandError(_("--scale 必须是正整数。"))
        if scenario:
            scale = 1
            with _scenario(scenario):
                self._seed(scale)
            day = SCENARIOS[scenario]
            self.stdout.write(
                _("场景 %(name)s：数据看板选 %(year)s 年度看行政应诉，自定义期间 2021-01-01 至今看累计数字。")
                % {"name": scenario, "year": day.year}
            )
        else:
            self._seed(scale)
        self.stdout.write(self.style.SUCCESS(_("演示数据已就绪。")))
        self.stdout.write(_("演示账号（密码均为 %(password)s）：") % {"password": DEMO_PASSWORD})
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<14} {demo.real_name:<6} {Role(demo.role).label}")

    def _seed(self, scale: int) -> None:
        """Every registered seeder, in order (a scenario's included: supervision's when it registers)."""
        for seeder in seeders():
            self.stdout.write(self.style.MIGRATE_HEADING(f"» {seeder.label}"))
            # one transaction per seeder, which the services it drives join (core.workflow.composed)
            with composed():
                seeder.func(scale, self.stdout)
