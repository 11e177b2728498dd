"""The reconsideration journey in Debian's Chromium (pytest-playwright; no browser download).

`fuyi` registers an application received on Sat 2026-02-28 — a make-up working day (调休上班) — and
sees the acceptance deadline with its derivation: 5 working days counted from the day after receipt
(复议法第三十条、第八十八条; deadlines/calendar.py): Sun 03-01 is a rest day, Mon 03-02 (1),
Tue 03-03 (2), Wed 03-04 (3), Thu 03-05 (4), Fri 03-06 (5) → due Fri 2026-03-06. The officer asks
for correction, records the materials (a new 5-working-day review from Tue 03-10: 03-11, 03-12,
03-13, 03-16, 03-17 → Tue 2026-03-17), accepts, sends the copy, records the reply and drafts;
`fuyi_head`, in their own browser, finds the draft in 待我审核 on the workbench and reviews it; a
committee meeting consults; `fuyi` submits the decision 撤销 (报请审批) — it is not in force —, and
`fuyi_head` approves it from 待我审批: only then is it decided, signed by the approver, and its DOCX
downloads; the statistics page counts the case as directly corrected.
"""

import io
from datetime import date

import docx
import pytest
from django.urls import reverse

from reconsideration.models import ReconsiderationCase, SignerAuthorisation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, user, password):
    page.goto(f"{live_server.url}{reverse('accounts:login')}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def _action(page, slug, label):
    link = page.locator(f".recon-actions a[data-action={slug}]")
    assert label in link.inner_text()
    link.click()


def _submit(page):
    page.locator("form.recon-action-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def _ok(page):
    """Back on the case page with a success message (a refusal would leave us on the form)."""
    assert page.locator(".recon-action-form").count() == 0, page.locator(".alert-danger").all_inner_texts()
    assert page.locator(".alert-success").count() == 1


def test_registration_to_signed_decision(
    live_server, page, browser, browser_context_args, tree, users, password
):
    officer, head = users.fuyi, users.fuyi_head
    # 天水市人民政府 authorised its 复议机构负责人 to sign (复议法第六十一条第一款; a record, admin-managed)
    SignerAuthorisation.objects.create(body=tree.city, authorised=head, valid_from=date(2026, 1, 1))
    _login(page, live_server, officer, password)

    # --- 登记申请 --------------------------------------------------------------------------------------
    page.goto(f"{live_server.url}{reverse('reconsideration:register')}")
    page.select_option("select[name=body]", str(tree.city.pk))
    page.select_option("select[name=channel]", "in_person")
    page.fill("input[name=received_on]", "2026-02-28")
    page.fill("input[name=knew_of_act_on]", "2026-02-10")
    page.fill("textarea[name=requests]", "撤销被申请人作出的罚款决定。")
    page.fill("textarea[name=facts_and_reasons]", "被申请人认定事实不清，证据不足。")
    page.select_option("select[name=respondent]", str(tree.city_market.pk))
    page.select_option("select[name=act_type]", "penalty")
    page.select_option("select[name=sector]", "market")
    page.fill("input[name=act_date]", "2026-02-09")
    page.fill("input[name=act_document_number]", "天市监罚〔2026〕15号")
    page.fill("input[name=claimant-name]", "王小明")
    page.select_option("select[name=handler]", str(officer.pk))
    page.get_by_role("button", name="登记").click()
    page.wait_for_load_state("networkidle")
    case = ReconsiderationCase.objects.get()
    assert page.url.endswith(reverse("reconsideration:detail", args=(case.pk,)))
    assert "天复〔2026〕1号" in page.locator("h1").inner_text()

    # --- the acceptance deadline and its derivation -----------------------------------------------------
    panel = page.locator(".deadlines-panel")
    review = panel.locator("li.list-group-item", has_text="复议申请审查期限")
    assert "2026-03-06" in review.inner_text()
    review.get_by_role("button", name="推算过程").click()
    trace = review.locator("ol.trace")
    trace.wait_for(state="visible")
    text = trace.inner_text()
    assert "起算日 2026-02-28（星期六，当日不计入）" in text
    assert "2026-03-01" in text  # the Sunday, not counted
    assert "第5个工作日 2026-03-06（星期五）" in text
    assert "第八十八条" in text

    # --- 要求补正 → 补正材料收到 → 受理 ------------------------------------------------------------
    _action(page, "request_correction", "要求补正")
    page.fill("textarea[name=items]", "1. 申请人身份证明复印件")
    page.fill("input[name=notice_sent_on]", "2026-03-02")
    page.fill("input[name=applicant_received_on]", "2026-03-03")
    _submit(page)
    _ok(page)
    assert "补正中" in page.locator("h1").inner_text()
    assert "申请人补正期限" in panel.inner_text()

    _action(page, "receive_correction", "补正材料收到")
    page.fill("input[name=received_on]", "2026-03-10")
    _submit(page)
    _ok(page)
    # the review starts again from the materials: 5 working days from Tue 03-10 → Tue 03-17
    assert "2026-03-17" in panel.locator("li.list-group-item", has_text="复议申请审查期限").last.inner_text()

    _action(page, "accept", "受理")
    page.fill("input[name=accepted_on]", "2026-03-12")
    page.select_option("select[name=procedure]", "ordinary")
    _submit(page)
    _ok(page)
    assert "已受理" in page.locator("h1").inner_text()
    decision_clock = panel.locator("li.list-group-item", has_text="复议决定期限")
    assert "2026-05-11" in decision_clock.inner_text()  # 60 days from 03-12 → Mon 05-11

    _action(page, "send_copy", "送达被申请人")
    page.fill("input[name=sent_on]", "2026-03-13")
    page.fill("input[name=respondent_received_on]", "2026-03-16")
    _submit(page)
    _ok(page)
    _action(page, "reply", "收到答复")
    page.fill("input[name=received_on]", "2026-03-25")
    _submit(page)
    _ok(page)
    _action(page, "mediation_status", "记录调解情况")
    page.check("input[name=attempted][value='0']")
    page.fill("textarea[name=reason_not_attempted]", "被申请人不同意调解。")
    page.fill("input[name=on]", "2026-03-26")
    _submit(page)
    _ok(page)
    # 复议法第四十九条: the ordinary procedure hears the parties, on record
    _action(page, "hear_parties", "听取意见")
    page.fill("input[name=heard_on]", "2026-03-26")
    page.select_option("select[name=method]", "phone")
    page.fill("input[name=parties]", "申请人、被申请人")
    page.fill("textarea[name=summary]", "申请人坚持撤销请求，被申请人坚持原处罚决定。")
    _submit(page)
    _ok(page)

    _action(page, "draft", "拟办意见")
    page.fill("textarea[name=text]", "被申请人认定事实不清，建议撤销。")
    page.select_option("select[name=proposed_outcome]", "revoke")
    page.fill("input[name=on]", "2026-04-01")
    _submit(page)
    _ok(page)
    assert "拟决定" in page.locator("h1").inner_text()

    # --- fuyi_head, in their own browser: 待我审核 on the workbench, the review, the committee ----------
    head_page = browser.new_context(**browser_context_args).new_page()
    _login(head_page, live_server, head, password)
    queue = head_page.locator(".recon-queue[data-queue=review]")
    assert case.number in queue.inner_text()
    detail = f"{live_server.url}{reverse('reconsideration:detail', args=(case.pk,))}"
    queue.get_by_role("link", name=case.number).click()
    _action(head_page, "review", "复议机构审核意见")
    head_page.check("input[name=agrees][value='1']")
    head_page.fill("textarea[name=text]", "同意承办人意见。")
    head_page.fill("input[name=on]", "2026-04-02")
    _submit(head_page)
    _ok(head_page)

    head_page.goto(f"{live_server.url}{reverse('reconsideration:meeting_create')}")
    head_page.select_option("select[name=body]", str(tree.city.pk))
    head_page.fill("input[name=date]", "2026-04-08")
    head_page.fill("input[name=topic]", "行政复议委员会第二次咨询会")
    head_page.locator("input[name=members]").first.check()
    head_page.get_by_role("button", name="登记").click()
    head_page.wait_for_load_state("networkidle")
    head_page.select_option("select[name=case]", str(case.pk))
    head_page.fill("textarea[name=opinion]", "多数委员认为被申请人认定事实不清。")
    head_page.fill("textarea[name=majority_view]", "建议撤销")
    head_page.fill("input[name=votes_for]", "5")
    head_page.fill("input[name=votes_against]", "1")
    head_page.get_by_role("button", name="记录咨询意见").click()
    head_page.wait_for_load_state("networkidle")
    assert case.number in head_page.locator("table").first.inner_text()

    # --- fuyi submits the decision (报请审批); it does not take effect ------------------------------------
    page.goto(detail)
    assert "建议撤销" in page.locator("body").inner_text()
    assert page.locator(".recon-actions a[data-action=decide]").count() == 0  # not the officer's
    _action(page, "submit", "报请审批")
    page.select_option("select[name=outcome]", "revoke")
    page.check("input[name=order_redo]")
    page.fill("input[name=performance_days]", "30")  # 第六十四条 "在一定期限内"
    page.fill("textarea[name=reasoning]", "被申请人作出的行政处罚决定主要事实不清、证据不足。")
    page.fill("textarea[name=legal_basis]", "《中华人民共和国行政复议法》第六十四条第一款第一项")
    page.fill("input[name=on]", "2026-04-09")
    _submit(page)
    _ok(page)
    assert "待审批" in page.locator("h1").inner_text()
    assert page.locator(".recon-decision").count() == 0

    # --- fuyi_head approves from 待我审批: only now the decision is in force -----------------------------
    head_page.goto(f"{live_server.url}/")
    queue = head_page.locator(".recon-queue[data-queue=decision]")
    assert case.number in queue.inner_text() and "拟决定：撤销" in queue.inner_text()
    queue.get_by_role("link", name=case.number).click()
    _action(head_page, "decide", "批准决定")
    assert "被申请人作出的行政处罚决定主要事实不清" in head_page.locator(".recon-request").inner_text()
    head_page.fill("input[name=decided_on]", "2026-04-20")
    _submit(head_page)
    _ok(head_page)
    assert "已决定" in head_page.locator("h1").inner_text()
    assert "直接纠错" in head_page.locator(".recon-decision").inner_text()
    assert head.display_name in head_page.locator(".recon-decision").inner_text()  # the approver signed
    page = head_page

    # --- the 行政复议决定书 downloads ------------------------------------------------------------------
    documents = page.locator("#documents")
    row = documents.locator("li", has_text="行政复议决定书")
    assert "天复决〔2026〕1号" in row.inner_text()
    with page.expect_download() as info:
        row.get_by_role("link", name="下载").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    content = download.path().read_bytes()
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    assert case.number in text and "第六十四条" in text and "天复决〔2026〕1号" in text
    assert "自收到本决定书之日起30日内重新作出行政行为" in text

    # --- the statistics page counts it as directly corrected --------------------------------------------
    page.goto(f"{live_server.url}{reverse('reconsideration:statistics')}?start=2026-01-01&end=2026-12-31")
    assert page.locator("[data-stat=directly_corrected]").inner_text() == "1"
    assert page.locator("[data-stat=concluded]").inner_text() == "1"
    assert "纠错率 100.0%" in page.locator(".recon-stats").inner_text()
    assert page.locator("#recon-chart-act svg").count() == 1  # the ECharts bar chart rendered
