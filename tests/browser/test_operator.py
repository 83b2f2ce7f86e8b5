"""The operator page in a real browser: an uploaded file goes through the importer and every rejected row is shown
with its row, column, value and reason; the run appears in the history; a leader cannot open the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, show, wait_for

pytestmark = pytest.mark.browser

BAD_APPEALS = (
    "诉求编号,企业名称,所属县区,承办单位,受理时间,办理状态\n"
    "OPTEST-001,淮川市测试科技有限公司,月球区,市税务局,2026-11-02 09:00,已办结\n"
    "OPTEST-002,淮川市测试贸易有限公司,火星区,市税务局,2026-11-03 10:00,办理中\n"
    "OPTEST-003,淮川市测试物流有限公司,东湖区,市税务局,2026-13-45,办理中\n"
)


def test_uploading_a_bad_file_shows_its_rejects(driver, live_server, tmp_path, artifacts):  # type: ignore[no-untyped-def]
    path = tmp_path / "企业诉求_操作员上传.csv"
    path.write_text(BAD_APPEALS, encoding="utf-8")
    login(driver, live_server, "operator")
    show(driver, f"{live_server.url}/operator")
    wait_for(driver, lambda d: d.find_elements("css selector", "#op-upload input[type=file]"), 30)
    driver.find_element("css selector", "#op-upload input[type=file]").send_keys(str(path))
    table = wait_for(
        driver, lambda d: d.find_elements("css selector", "#op-upload-result .bm-table-rejects"), 60, "no rejects shown"
    )[0]
    rows = [
        [td.text for td in tr.find_elements("css selector", "td")]
        for tr in table.find_elements("css selector", "tbody tr")
    ]
    by_row = {row[0]: row for row in rows}
    assert set(by_row) == {"2", "3", "4"}, rows  # every row is wrong, so the shared demo data stays as it was
    assert by_row["3"][1:3] == ["所属县区", "火星区"] and by_row["3"][3]
    assert by_row["4"][1:3] == ["受理时间", "2026-13-45"] and by_row["4"][3]
    summary = driver.find_element("css selector", "#op-upload-result .bm-result").text
    assert "企业诉求_操作员上传.csv" in summary and "拒绝 3" in summary
    wait_for(driver, lambda d: "企业诉求_操作员上传.csv" in d.find_element("id", "op-runs").text, 30)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(artifacts / "operator.png"))


def test_a_leader_cannot_open_the_operator_page(driver, live_server):  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/operator")
    assert "无权访问" in driver.find_element("css selector", "body").text
    assert not driver.find_elements("id", "op-upload")


UNMAPPED = (
    "诉求编号,企业名称,片区,承办单位,受理时间,办理状态\n"
    "OPMAP-001,淮川市测试科技有限公司,火星区,市税务局,2026-11-02 09:00,待核查\n"
    "OPMAP-002,淮川市测试贸易有限公司,火星区,市税务局,2026-11-03 10:00,待核查\n"
)


def _choose(driver, component_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    """Open a dropdown (a button in Dash 3) and click its option ``text``."""
    button = driver.find_element("css selector", f"button[id='{component_id}']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    options = wait_for(
        driver,
        lambda d: [o for o in d.find_elements("css selector", "[role=option]") if o.text.strip() == text],
        10,
        f"no option {text}",
    )
    options[0].click()


def test_a_file_failing_on_its_headers_is_mapped_once_and_imported_again(driver, live_server, tmp_path, artifacts):  # type: ignore[no-untyped-def]
    path = tmp_path / "企业诉求_片区.csv"
    path.write_text(UNMAPPED, encoding="utf-8")
    login(driver, live_server, "operator")
    show(driver, f"{live_server.url}/operator")
    wait_for(driver, lambda d: d.find_elements("css selector", "#op-upload input[type=file]"), 30)
    driver.find_element("css selector", "#op-upload input[type=file]").send_keys(str(path))
    wait_for(driver, lambda d: d.find_elements("id", "op-map-save"), 60, "no mapping form")
    assert "缺少必需的列：所属县区" in driver.find_element("id", "op-upload-result").text
    _choose(driver, '{"field":"region","type":"op-map-col"}', "片区")
    driver.save_screenshot(str(artifacts / "operator_mapping.png"))
    driver.find_element("id", "op-map-save").click()
    result = wait_for(
        driver, lambda d: [e for e in d.find_elements("id", "op-map-result") if "已保存导入方案" in e.text], 60
    )[0]
    text = result.text
    assert "已保存导入方案 #" in text and "未导入（所有行都被拒绝）" in text  # the rows are wrong, the data unchanged
    rows = [
        [td.text for td in tr.find_elements("css selector", "td")]
        for tr in result.find_elements("css selector", ".bm-table-rejects tbody tr")
    ]
    assert [r[:3] for r in rows] == [  # 片区 now read as 所属县区: its unknown value is one of each row's errors
        ["2", "片区", "火星区"],
        ["2", "办理状态", "待核查"],
        ["3", "片区", "火星区"],
        ["3", "办理状态", "待核查"],
    ]
    wait_for(driver, lambda d: "片区→所属县区" in d.find_element("id", "op-mappings").text, 30)


def test_logout_is_a_form_that_ends_the_session(driver, live_server, artifacts):  # type: ignore[no-untyped-def]
    login(driver, live_server, "leader")
    show(driver, f"{live_server.url}/department")
    button = wait_for(driver, lambda d: d.find_elements("css selector", "form.bm-logout button"), 30)[0]
    driver.save_screenshot(str(artifacts / "logout-header.png"))
    button.click()
    wait_for(driver, lambda d: d.current_url.endswith("/login"), message="logout did not land on the login page")
    show(driver, f"{live_server.url}/department")
    wait_for(driver, lambda d: "/login?next=" in d.current_url, message="the session outlived its logout")
