"""`python manage.py seed_demo [--scale N]`: demo data for a demonstration or a benchmark.

Idempotent (every seeder looks its records up by a stable key before creating them) and refused
unless settings.DEMO_MODE is on — production settings turn it off, because the demo users share a
published password.

Later apps plug in by adding the dotted path of a seeder function `(scale: int, stdout) -> None` to
SEEDERS; seeders run in order, each in its own transaction.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.management.demo import DEMO_PASSWORD, DEMO_USERS

SEEDERS = [
    "accounts.management.demo.seed_accounts",
    "accounts.management.demo.seed_calendar",
    "reconsideration.seed.seed",
    # later mechanisms add theirs here (decisions, enforcement, supervision, mediation, litigation)
]


class Command(BaseCommand):
    help = "生成演示数据：天水市组织机构、演示用户及各业务模块的示例记录（仅限演示模式）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="数据规模倍数（默认 1；基准测试用 10）。",
        )

    def handle(self, *args, scale: int, **options):
        if not settings.DEMO_MODE:
            raise CommandError(
                _("当前不是演示模式（DEMO_MODE=False），拒绝生成演示数据：演示用户使用公开的演示密码。")
            )
        if scale < 1:
            raise CommandError(_("--scale 必须是正整数。"))
        for dotted in SEEDERS:
            seeder = import_string(dotted)
            self.stdout.write(self.style.MIGRATE_HEADING(f"» {dotted}"))
            with transaction.atomic():
                seeder(scale, self.stdout)
        self.stdout.write(self.style.SUCCESS(_("演示数据已就绪。")))
        self.stdout.write(_("演示账号（密码均为 %(password)s）：") % {"password": DEMO_PASSWORD})
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<14} {demo.real_name:<6} {demo.role}")
