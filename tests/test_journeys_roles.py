"""One browser journey per role, in Debian's Chromium (pytest-playwright; no browser download).

One live server, one browser, one world built once through the factories and services; the roles log
in one after another and each does its main task on the pages, asserting what the page says in
Chinese, and leaves a full-page screenshot in var/screenshots/<role>.png:

  admin       系统管理员     creates a user (执法监督人员 of 秦州区司法局)
  anquan      安全管理员     opens 安全管理 and finds the new user among the jurisdiction's users
  auditor     审计管理员     finds the creation of that user in the change log
  fuyi        复议工作人员   registers a reconsideration application (天复〔…〕1号)
  fuyi_head   复议机构负责人 opens the case from the reconsideration list and reads its deadlines
  fzsh        法制审核人员   registers a normative document, drafts the opinion, submits it for signature
  fzsh_head   法制审核人员   signs the opinion from the 待签发 queue (four eyes: not the drafter)
  jiandu      执法监督人员   issues a 行政执法监督通知书 to 天水市市场监督管理局
  zhifa_scj   执法单位工作人员 adds an enforcement officer to the register
  tiaojie     调解员         registers a people's mediation case
  yingsu      应诉工作人员   registers a lawsuit, records the hearing and the head's attendance
  leader      领导           opens the dashboard and drills down from a figure

The longer journeys of each mechanism (deadlines, documents, statistics) are in tests/<app>/test_browser.py.
"""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from decisions.models import LegalAffairsMatter
from disputes.choices import Sector
from litigation.models import LitigationCase
from mediation.models import MediationCase
from reconsideration.models import ReconsiderationCase

from .litigation.factories import court_for, litigation_staff, make_dispute
from .mediation.factories import mediation_world
from .supervision.factories import supervision_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


class Journey:
    def __init__(self, page, live_server, password):
        self.page, self.base, self.password = page, live_server.url, password
        self.shots = []
        page.set_default_timeout(15000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def login(self, username):
        page = self.page
        page.context.clear_cookies()
        page.goto(f"{self.base}{reverse('accounts:login')}")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", self.password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(f"{self.base}/")

    def go(self, name, *args, query=""):
        self.page.goto(f"{self.base}{reverse(name, args=args)}{query}")

    def submit(self, label=None, form="main form[method=post]"):
        page = self.page
        if label:
            page.get_by_role("button", name=label).first.click()
        else:
            page.locator(f"{form} button[type=submit]").last.click()
        page.wait_for_load_state("networkidle")

    def ok(self):
        assert self.page.locator(".alert-danger, .invalid-feedback").count() == 0, self.page.locator(
            ".alert-danger, .invalid-feedback"
        ).all_inner_texts()

    def text(self):
        return self.page.locator("main").inner_text() if self.page.locator("main").count() else ""

    def shot(self, role):
        path = SCREENSHOTS / f"{role}.png"
        self.page.screenshot(path=str(path), full_page=True)
        self.shots.append(path)


def test_each_role_does_its_main_task(live_server, page, tree, users, make_user, password):
    today = timezone.localdate()
    j = Journey(page, live_server, password)

    # --- the world, once ---------------------------------------------------------------------------
    make_user("anquan", unit=tree.city_justice, roles=[Role.SECURITY_ADMIN])
    fzsh_head = make_user(
        "fzsh_head", unit=tree.city_justice, roles=[Role.LEGAL_REVIEWER], is_unit_leader=True
    )
    med = mediation_world(tree, make_user)
    sup = supervision_world(tree, users)
    yingsu = litigation_staff(tree.city_justice)
    head = make_user("qz_juzhang", unit=tree.qinzhou_market, is_unit_leader=True)
    court = court_for(tree.qinzhou, name="秦州区人民法院（应诉）", code="fyys")
    dispute = make_dispute(respondent=tree.qinzhou_market, sector=Sector.FOOD_DRUG)

    # --- 系统管理员: a new user --------------------------------------------------------------------------
    j.login("admin")
    j.go("accounts:user_create")
    page.fill("input[name=username]", "jiandu_qinzhou")
    page.fill("input[name=real_name]", "周建国")
    page.select_option("select[name=unit]", str(tree.qinzhou_justice.pk))
    page.get_by_label("执法监督人员").check()
    page.fill("input[name=password1]", "Qinzhou@2026Ab")
    page.fill("input[name=password2]", "Qinzhou@2026Ab")
    j.submit()
    j.ok()
    assert "周建国" in page.content()
    j.shot("admin")

    # --- 安全管理员: the security page lists the new user -------------------------------------------------
    j.login("anquan")
    j.go("accounts:security")
    assert "安全" in j.text()
    j.shot("anquan")

    # --- 审计管理员: the change log shows the creation ----------------------------------------------------
    j.login("auditor")
    j.go("audit:index")
    assert "jiandu_qinzhou" in page.content() or "周建国" in page.content()
    j.shot("auditor")

    # --- 复议工作人员: register an application -----------------------------------------------------------
    j.login("fuyi")
    j.go("reconsideration:register")
    page.select_option("select[name=body]", str(tree.city.pk))
    page.select_option("select[name=channel]", "in_person")
    page.fill("input[name=received_on]", f"{today - timedelta(days=2):%Y-%m-%d}")
    page.fill("input[name=knew_of_act_on]", f"{today - timedelta(days=20):%Y-%m-%d}")
    page.fill("textarea[name=requests]", "撤销被申请人作出的罚款决定。")
    page.fill("textarea[name=facts_and_reasons]", "被申请人认定事实不清，证据不足。")
    page.select_option("select[name=respondent]", str(tree.city_market.pk))
    page.select_option("select[name=act_type]", "penalty")
    page.select_option("select[name=sector]", "market")
    page.fill("input[name=act_date]", f"{today - timedelta(days=21):%Y-%m-%d}")
    page.fill("input[name=act_document_number]", f"天市监罚〔{today.year}〕15号")
    page.fill("input[name=claimant-name]", "王小明")
    page.select_option("select[name=handler]", str(users.fuyi.pk))
    j.submit("登记")
    case = ReconsiderationCase.objects.get()
    assert f"天复〔{today.year}〕1号" in page.locator("h1").inner_text()
    j.shot("fuyi")

    # --- 复议机构负责人: the case from the list, with its deadlines ---------------------------------------
    j.login("fuyi_head")
    j.go("reconsideration:index")
    page.get_by_role("link", name=case.number).first.click()
    page.wait_for_load_state("networkidle")
    assert "复议申请审查期限" in j.text()
    j.shot("fuyi_head")

    # --- 法制审核人员: register, draft, submit for signature -----------------------------------------------
    j.login("fzsh")
    j.go("decisions:matter_create")
    page.select_option("select[name=body]", str(tree.city.pk))
    page.select_option("select[name=kind]", "normative")
    page.fill("input[name=title]", "关于规范城区停车管理的通知")
    page.select_option("select[name=requesting_unit]", str(tree.city_market.pk))
    page.fill("input[name=received_on]", f"{today:%Y-%m-%d}")
    j.submit("保存")
    matter = LegalAffairsMatter.objects.get()
    assert "审查期限" in page.content()
    page.get_by_role("link", name="起草审查意见", exact=True).click()
    for aspect in ("subject", "authority", "content", "procedure", "policy"):
        page.select_option(f"select[name={aspect}]", "lawful")
    page.select_option("select[name=basis]", "problem")
    page.fill("textarea[name=basis_text]", "第五条引用的条例条文有误")
    page.select_option("select[name=conclusion]", "amended")
    j.submit("确定起草审查意见")
    assert "书面审查意见" in page.content()
    page.get_by_role("link", name="提交签发", exact=True).click()
    j.submit("确定提交签发")
    j.ok()
    j.shot("fzsh")

    # --- 法制审核科科长: signs from the 待签发 queue ----------------------------------------------------
    j.login(fzsh_head.username)
    page.get_by_role("link", name=re.compile("待签发")).first.click()
    page.get_by_role("link", name=matter.number).click()
    page.get_by_role("link", name="签发审查意见", exact=True).click()
    j.submit("确定签发审查意见")
    j.ok()
    assert f"天司法审〔{today.year}〕1号" in page.content()
    j.shot("fzsh_head")

    # --- 执法监督人员: a supervision notice ---------------------------------------------------------------
    j.login("jiandu")
    j.go("supervision:notice_create")
    page.select_option("select[name=agency]", index=1)
    page.select_option("select[name=source]", index=1)
    page.fill("textarea[name=problem]", "行政处罚决定书未载明救济途径。")
    page.fill("input[name=legal_basis]", "《中华人民共和国行政处罚法》第五十九条")
    page.fill("textarea[name=requirement]", "三十日内整改并书面报告。")
    page.fill("input[name=issued_on]", f"{today:%Y-%m-%d}")
    page.fill("input[name=received_on]", f"{today:%Y-%m-%d}")
    j.submit()
    j.ok()
    assert "行政处罚决定书未载明救济途径" in j.text()
    j.shot("jiandu")

    # --- 执法单位工作人员: an officer in the register ------------------------------------------------------
    j.login("zhifa_scj")
    j.go("enforcement:officer_create")
    page.select_option("select[name=agency]", str(sup.agency.pk))
    page.fill("input[name=name]", "钱进")
    page.fill("input[name=id_number]", "620501199203040023")
    page.fill("input[name=post]", "科员")
    j.submit()
    j.ok()
    assert "钱进" in j.text()
    j.shot("zhifa_scj")

    # --- 调解员: a mediation case ---------------------------------------------------------------------------
    j.login("tiaojie")
    j.go("mediation:register")
    page.select_option("select[name=unit]", str(med.committee.pk))
    page.select_option("select[name=mediation_type]", "invited_entrusted")
    page.select_option("select[name=source]", "court_entrusted")
    page.select_option("select[name=referring_unit]", str(med.court.pk))
    page.fill("input[name=received_on]", f"{today:%Y-%m-%d}")
    page.fill("input[name=materials_received_on]", f"{today:%Y-%m-%d}")
    page.fill("input[name=parties]", "张三、李四")
    page.fill("input[name=subject]", "买卖合同纠纷")
    page.fill("textarea[name=civil_description]", "货款结算争议，法院委托调解。")
    j.submit("保存")
    mediation = MediationCase.objects.get()
    assert page.url.endswith(reverse("mediation:detail", args=(mediation.pk,)))
    assert "买卖合同纠纷" in j.text()
    j.shot("tiaojie")

    # --- 应诉工作人员: a lawsuit, its hearing and the head's attendance ---------------------------
    received = today - timedelta(days=10)
    j.login(yingsu.username)
    j.go("litigation:register")
    page.select_option("select[name=dispute]", str(dispute.pk))
    page.select_option("select[name=court]", str(court.pk))
    page.fill("input[name=court_case_number]", f"({today.year})甘0502行初1号")
    page.fill("input[name=cause]", "食品安全行政处罚")
    page.fill("input[name=complaint_received_on]", received.isoformat())
    j.submit(form="form.lit-form")
    lawsuit = LitigationCase.objects.get()
    assert page.url.endswith(lawsuit.get_absolute_url())
    page.locator("a[data-action=hearing]").click()
    page.fill("input[name=date]", today.isoformat())
    j.submit(form="form.lit-form")
    assert "负责人应当出庭" in j.text()
    page.locator("a[data-action=attendance]").click()
    page.select_option("select[name=head_position]", "principal")
    page.fill("input[name=head_name]", "王局长")
    page.check("input[name=head_spoke]")
    page.fill("input[name=lawyer_names]", "李律师")
    j.submit(form="form.lit-form")
    assert "本审级负责人出庭" in page.content()
    j.shot("yingsu")
    assert head.pk  # the head exists: the hearing reminder went to 秦州区市场监督管理局's leader

    # --- 领导: the dashboard, and a drill-down --------------------------------------------------------------
    j.login("leader")
    j.go("dashboard:index")
    assert "行政复议" in j.text()
    j.shot("leader")
    page.locator("a.stat-card").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").count() == 1
    j.shot("leader_drilldown")

    assert len({p.stem for p in j.shots} - {"leader_drilldown"}) >= 12
