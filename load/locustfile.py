"""The load scenario of `make load` (README, "Load"): demo users of several roles reading lists,
filtering, searching, opening cases and the dashboard, and writing (府院联动 records created and then
edited, with the edit form's version). Run by load/run.py against gunicorn; not imported by Django.
"""

from __future__ import annotations

import random
import re
from datetime import date
from html.parser import HTMLParser

from locust import HttpUser, between, task

PASSWORD = "Tianshui@2026"
CASE_LINK = re.compile(r'href="(/reconsideration/\d+/)"')
DISPUTE_LINK = re.compile(r'href="(/disputes/\d+/)"')
SEARCHES = ("王", "张", "天复", "行政处罚", "市场监督")


class FormFields(HTMLParser):
    """The fields of the first <form method="post"> with a csrf token: a plausible value for each."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._in_form = self._done = False
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        if (
            tag == "form"
            and (a.get("method") or "").lower() == "post"
            and "logout" not in (a.get("action") or "")
        ):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "checkbox":
                self.values.setdefault(name, [a.get("value", "on")])
            elif kind == "date":
                self.values[name] = [a.get("value") or date.today().isoformat()]
            elif kind not in ("submit", "button", "file", "radio"):
                self.values[name] = [a.get("value") or "负载测试"]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and a.get("value") and self._select not in self.values:
            self.values[self._select] = [a["value"]]
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ["负载测试：府院联动会商纪要。"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True

    def handle_data(self, data):
        if self._textarea and data.strip():
            self.values[self._textarea] = [data]


def form_values(html: str, **overrides) -> dict:
    parser = FormFields()
    parser.feed(html)
    values = {k: v[0] for k, v in parser.values.items()}
    values.update(overrides)
    return values


class DemoUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        page = self.client.get("/accounts/login/", name="登录页")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": page.url},
            name="登录",
        )

    def open_some(self, html: str, pattern: re.Pattern, name: str):
        links = pattern.findall(html)
        if links:
            self.client.get(random.choice(links), name=name)


class Officer(DemoUser):
    """复议工作人员: the case list, its queues and filters, searches, case pages, disputes, writes."""

    weight = 5
    username = "fuyi"

    @task(4)
    def case_list(self):
        page = self.client.get("/reconsideration/?queue=all", name="复议案件列表")
        self.open_some(page.text, CASE_LINK, "复议案件页")

    @task(2)
    def queues_and_filters(self):
        self.client.get(
            f"/reconsideration/?queue={random.choice(['mine', 'soon', 'overdue', 'review'])}", name="复议队列"
        )
        self.client.get("/reconsideration/?queue=all&status=in_trial&act_type=penalty", name="复议案件筛选")

    @task(2)
    def search(self):
        self.client.get(f"/reconsideration/?queue=all&q={random.choice(SEARCHES)}", name="复议案件检索")

    @task(1)
    def disputes(self):
        page = self.client.get("/disputes/", name="争议列表")
        self.open_some(page.text, DISPUTE_LINK, "争议页")

    @task(1)
    def deadlines(self):
        self.client.get("/deadlines/", name="期限列表")

    @task(1)
    def linkage_write(self):
        form = self.client.get("/reconsideration/linkage/new/", name="府院联动登记页")
        created = self.client.post(
            "/reconsideration/linkage/new/",
            form_values(form.text, title=f"负载测试会商{random.randint(1, 10**6)}", case_numbers=""),
            headers={"Referer": form.url},
            name="府院联动登记（写）",
        )
        edit_url = created.url.rstrip("/") + "/edit/" if re.search(r"/linkage/\d+/?$", created.url) else None
        if edit_url:
            edit = self.client.get(edit_url, name="府院联动编辑页")
            self.client.post(
                edit_url,
                form_values(edit.text, title="负载测试会商（已修改）", case_numbers=""),
                headers={"Referer": edit.url},
                name="府院联动编辑（写）",
            )


class CountyOfficer(Officer):
    weight = 2
    username = "fuyi_qinzhou"


class Head(DemoUser):
    """复议机构负责人: the workbench and the approval queue, case pages, statistics."""

    weight = 2
    username = "fuyi_head"

    @task(2)
    def workbench(self):
        self.client.get("/", name="工作台")

    @task(2)
    def approvals(self):
        page = self.client.get("/reconsideration/?queue=approval", name="待我审批")
        self.open_some(page.text, CASE_LINK, "复议案件页")

    @task(1)
    def statistics(self):
        self.client.get("/reconsideration/statistics/", name="复议统计")


class Leader(DemoUser):
    """领导: the dashboard for the year and for a county, and a drill-down."""

    weight = 1
    username = "leader"

    @task(3)
    def dashboard(self):
        self.client.get("/dashboard/", name="数据看板")

    @task(1)
    def previous_year(self):
        self.client.get(f"/dashboard/?period=year&year={date.today().year - 1}", name="数据看板（上年）")

    @task(1)
    def disputes_stats(self):
        self.client.get("/disputes/stats/", name="争议来源统计")
