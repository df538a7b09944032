#!/usr/bin/python3
"""A unit's own link in headless Chromium (issue 24), in Vietnamese: the
clerk's list shows each unit's link; the unit opens it with no account,
downloads its form, sends it with an error, sees the error on its cell,
corrects it and sends it again; the clerk's page shows the state change.
The unit's page is shot at 1366x768 and at a phone's width (SHOTS).

usage: serve-links-browser.py PARPACK WORK SHOTS   (run from the repository)"""
import glob, io, os, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import StaleElementReferenceException

PARPACK, WORK, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
WS, DL = os.path.join(WORK, "ws"), os.path.join(WORK, "downloads")
os.makedirs(SHOTS, exist_ok=True)
os.makedirs(DL, exist_ok=True)
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
srv = Server(PARPACK, WS)
base = "http://127.0.0.1:%d" % srv.port
api = Client(srv.port)
api.login("anna", "anna-secret-1")
blank = os.path.join(WORK, "blank-2022.xml")
strip_scores("fixtures/gia-loc-2022.xml", blank)
st, h, body = api.upload("/api/years", "appraisal", [("blank-2022.xml", open(blank, "rb").read())])
check("a year", st == 201, (st, body))
api.json("PATCH", "/api/years/2022", {"deadline": "2099-12-31T17:00:00+07:00"})
ME = "thong-nhat"

o = webdriver.ChromeOptions()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--lang=vi"):
    o.add_argument(a)
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DL})
wait = WebDriverWait(d, 60)


def screen(width, height, scale, mobile):
    """The page's size: a desktop's, or a phone's."""
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})


screen(1366, 768, 1, False)


def gone(el):
    try:
        el.is_enabled()
        return False
    except StaleElementReferenceException:
        return True


def shot(name):
    d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def clerk():
    """The clerk signs in; the workspace's list is shown."""
    d.get(base + "/login")
    d.find_element(By.ID, "user").send_keys("anna")
    d.find_element(By.ID, "password").send_keys("anna-secret-1")
    d.find_element(By.ID, "submit").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#app table"))


try:
    # the clerk's list gives each unit's link
    clerk()
    d.get(base + "/#/year/2022")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-unit='%s'] input.linktext" % ME))
    row = d.find_element(By.CSS_SELECTOR, "tr[data-unit='%s']" % ME)
    link = row.find_element(By.CSS_SELECTOR, "input.linktext").get_attribute("value")
    check("the clerk sees the unit's link, absolute", link.startswith(base + "/u/") and len(link) == len(base) + 3 + 48, link)
    check("the unit's state: no form", row.find_element(By.CSS_SELECTOR, ".badge").get_attribute("class").endswith("b-missing"), "")
    shot("links-clerk")

    # the unit, without an account (a fresh browser profile: no cookie)
    d.delete_all_cookies()
    d.get(link)
    wait.until(lambda d: d.find_elements(By.ID, "name"))
    check("the unit's page in Vietnamese: its name, its year, the deadline",
          d.find_element(By.ID, "name").text == "Thống Nhất" and "2022" in d.find_element(By.ID, "year").text
          and "31/12/2099" in d.find_element(By.ID, "deadline").text and "Hạn" in d.find_element(By.ID, "deadline").text,
          (d.find_element(By.ID, "year").text, d.find_element(By.ID, "deadline").text))
    check("html lang vi", d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi", "")
    shot("links-unit-1366")
    for f in glob.glob(os.path.join(DL, "*")):
        os.remove(f)
    d.find_element(By.ID, "download").click()
    got = []
    for _ in range(300):
        got = [f for f in glob.glob(os.path.join(DL, "*.xlsx"))]
        if got:
            break
        time.sleep(0.1)
    time.sleep(0.3)
    check("the unit downloads its form", got and open(got[0], "rb").read()[:2] == b"PK", got)
    # the unit fills it in, with an error
    form = os.path.join(WORK, "phieu-thong-nhat-2022.xlsx")
    zdir = os.path.join(WORK, "forms")
    os.makedirs(os.path.join(zdir, "units", ME))
    os.rename(got[0], os.path.join(zdir, "units", ME, os.path.basename(got[0])))
    subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2022.xml", zdir], check=True)
    good = glob.glob(os.path.join(zdir, "units", ME, "*.xlsx"))[0]
    bad = os.path.join(WORK, "sai.xlsx")
    open(bad, "wb").write(open(good, "rb").read())
    cells = subprocess.run([PY, "tests/break-form.py", bad, "negative"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    cell = cells[0].split("!")[1]
    # the file control in the page's words, not the browser's ("Choose
    # File", "No file chosen"); the chosen file's name beside it
    choose, picked = d.find_element(By.ID, "choose"), d.find_element(By.ID, "picked")
    check("the file control speaks the page's language",
          choose.text == "Chọn tệp phiếu đã ghi…" and picked.text == "Chưa chọn tệp nào"
          and not d.find_element(By.ID, "file").is_displayed(), (choose.text, picked.text))
    # sent without a file: said in the page's words, nothing sent
    d.find_element(By.ID, "send").click()
    check("sent without a file: said beside the button, in Vietnamese",
          picked.text == "Hãy chọn tệp phiếu đã ghi trước" and "missing" in picked.get_attribute("class")
          and not d.find_elements(By.ID, "result"), picked.text)
    d.find_element(By.ID, "file").send_keys(bad)
    check("the chosen file's name is shown", picked.text == "sai.xlsx" and "missing" not in picked.get_attribute("class"),
          picked.text)
    d.find_element(By.ID, "send").click()
    try:
        wait.until(lambda d: d.find_elements(By.ID, "result"))
    except Exception:
        print(d.current_url, d.page_source[:1500])
        raise
    marked = d.find_elements(By.CSS_SELECTOR, "td.bad[data-cell='%s']" % cell)
    check("the error shows on its cell (%s)" % cell, len(marked) == 1 and marked[0].text, [m.text for m in marked])
    check("the page says the form was not taken", d.find_element(By.ID, "result").get_attribute("data-status") == "invalid", "")
    row = marked[0].find_element(By.XPATH, "..").text if marked else ""
    check("the error's row shows the form's own cells: the criterion and what was written (-1)",
          "1.1.2" in row and "Mức độ thực hiện" in row
          and marked[0].find_elements(By.CSS_SELECTOR, ".was") and marked[0].find_element(By.CSS_SELECTOR, ".was").text == "-1",
          row)
    shot("links-unit-error")
    was_text = marked[0].text if marked else None
    # the unit comes back later (a new visit, not the upload's answer):
    # the last form's errors are still shown on their cells
    d.get(link)
    wait.until(lambda d: d.find_elements(By.ID, "name"))
    again = d.find_elements(By.CSS_SELECTOR, "#result[data-status='invalid'] td.bad[data-cell='%s']" % cell)
    msg = d.find_elements(By.ID, "msg")
    check("come back to the page: the refused form's errors on their cells, and which file",
          len(again) == 1 and again[0].text == was_text and msg and "sai.xlsx" in msg[0].text
          and "có lỗi" in msg[0].text, (len(again), msg[0].text if msg else None))
    shot("links-unit-error-again")
    # corrected, sent again
    d.find_element(By.ID, "file").send_keys(good)
    d.find_element(By.ID, "send").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#result[data-status='submitted']"))
    check("the corrected form is taken", "b-submitted" in d.find_element(By.ID, "state").get_attribute("class"), "")
    check("what it sent, and when", len(d.find_elements(By.CSS_SELECTOR, "#history tbody tr")) == 2, "")
    shot("links-unit-sent")
    # a phone
    screen(390, 844, 2, True)
    d.get(link)
    wait.until(lambda d: d.find_elements(By.ID, "name"))
    width = d.execute_script("return document.documentElement.scrollWidth")
    check("on a phone (390 px) nothing runs off the side", width <= 390, width)
    shot("links-unit-phone")
    screen(1366, 768, 1, False)
    # without its script the page works as it is: the browser's own file
    # control, and no button or name that would not follow the choice
    o2 = webdriver.ChromeOptions()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768"):
        o2.add_argument(a)
    o2.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    d2 = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o2)
    try:
        d2.get(link)
        check("without a script: the browser's own file control",
              d2.find_element(By.ID, "file").is_displayed() and not d2.find_element(By.ID, "picked").is_displayed(), "")
        d2.find_element(By.ID, "file").send_keys(good)
        d2.find_element(By.ID, "send").click()
        WebDriverWait(d2, 60).until(lambda x: x.find_elements(By.CSS_SELECTOR, "#result[data-status='submitted']"))
        ok("without a script: the form is sent and taken")
    finally:
        d2.quit()

    # the clerk sees the state change
    clerk()
    d.get(base + "/#/year/2022")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-unit='%s'] .badge" % ME))
    row = d.find_element(By.CSS_SELECTOR, "tr[data-unit='%s']" % ME)
    check("the clerk sees the unit's form submitted, through its link",
          "b-submitted" in row.find_element(By.CSS_SELECTOR, ".badge").get_attribute("class")
          and "link:" + ME in row.text, row.text)
    # a new link: the old one dead
    row.find_element(By.CSS_SELECTOR, "button.newlink").click()
    js = "var e = document.querySelector(\"tr[data-unit='%s'] input.linktext\"); return e ? e.value : null;" % ME
    wait.until(lambda d: d.execute_script(js) not in (None, link))
    new = d.execute_script(js)
    d.get(link)
    check("after a new link the old page is gone", "Thống Nhất" not in d.page_source, "")
    d.get(new)
    check("and the new one opens it", d.find_element(By.ID, "name").text == "Thống Nhất", "")

    # the council's turn in the browser: the appraised points and notes per criterion
    import xml.etree.ElementTree as ET
    fx = {x.get("c"): x for u in ET.parse("fixtures/gia-loc-2022.xml").getroot().iter("unit") if u.get("id") == ME
          for x in u.iter("score")}
    d.get(base + "/#/year/2022")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-unit='%s'] button.appraise" % ME))
    d.find_element(By.CSS_SELECTOR, "tr[data-unit='%s'] button.appraise" % ME).click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sheet tr[data-c]"))
    n = 0
    for c, x in fx.items():
        sel = "#sheet tr[data-c='%s']" % c
        row = d.find_element(By.CSS_SELECTOR, sel)
        ap, note = row.find_element(By.CSS_SELECTOR, "input.appr"), row.find_element(By.CSS_SELECTOR, "input.note")
        ap.clear()
        ap.send_keys("KAD" if x.get("na") == "true" else x.get("appraised").replace(".", ","))
        note.clear()
        if x.get("note"):
            note.send_keys(x.get("note"))
        old = row
        row.find_element(By.CSS_SELECTOR, "button.save").click()
        wait.until(lambda d: gone(old))
        n += 1
    check("the council enters the appraised points of %d criteria in the browser" % n, n == len(fx), n)
    wait.until(lambda d: "b-ok" in d.execute_script(
        "var e = document.querySelector(\"tr[data-unit='%s'] .badge\"); return e ? e.className : '';" % ME))
    ok("the unit's state goes submitted -> ok")
    shot("links-council-sheet")
    # the clerk opens the answer round, until a day written day first
    d.find_element(By.ID, "round-deadline-input").send_keys("31/12/2099 17h")
    d.find_element(By.ID, "open-round").click()
    wait.until(lambda d: d.find_element(By.ID, "round-state").get_attribute("data-round") == "open")
    check("the clerk opens the answer round, until 31/12/2099 17:00",
          "đến 31/12/2099 17:00" in d.find_element(By.ID, "round-state").text, d.find_element(By.ID, "round-state").text)
    # the unit sees the council's points and note beside its own, and answers
    d.delete_all_cookies()
    d.get(new)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#round tr[data-c='1.1.2']"))
    row = d.find_element(By.CSS_SELECTOR, "#round tr[data-c='1.1.2']")
    check("the unit sees its points, the council's and the note", "1,5" in row.text and "Chưa có minh chứng" in row.text, row.text)
    row.find_element(By.TAG_NAME, "textarea").send_keys("Đã có minh chứng: Quyết định số 12/QĐ-UBND")
    shot("links-unit-round-1366")
    d.find_element(By.ID, "send-answers").click()
    wait.until(lambda d: d.find_elements(By.ID, "result"))
    check("the answer is kept", "Quyết định số 12" in d.find_element(By.CSS_SELECTOR, "#round tr[data-c='1.1.2'] textarea").get_attribute("value"), "")
    screen(390, 844, 2, True)
    d.get(new)
    wait.until(lambda d: d.find_elements(By.ID, "round"))
    d.execute_script("document.getElementById('round').scrollIntoView()")
    shot("links-unit-round-phone")
    screen(1366, 768, 1, False)
    # the council accepts it with new points
    clerk()
    d.get(base + "/#/year/2022")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "tr[data-unit='%s'] button.appraise" % ME))
    d.find_element(By.CSS_SELECTOR, "tr[data-unit='%s'] button.appraise" % ME).click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sheet tr[data-c='1.1.2'] button.accept"))
    row = d.find_element(By.CSS_SELECTOR, "#sheet tr[data-c='1.1.2']")
    check("the council sees the unit's answer", "Quyết định số 12" in row.text, row.text)
    np = row.find_element(By.CSS_SELECTOR, "input.newappr")
    np.clear()
    np.send_keys("2")
    row.find_element(By.CSS_SELECTOR, "button.accept").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sheet tr[data-c='1.1.2'] .decision"))
    check("accepted: the appraised points changed", d.find_element(By.CSS_SELECTOR, "#sheet tr[data-c='1.1.2'] input.appr").get_attribute("value") == "2", "")
    d.find_element(By.ID, "close-year").click()
    wait.until(lambda d: d.find_element(By.ID, "round-state").get_attribute("data-round") == "closed")
    ok("the clerk closes the year")
    d.delete_all_cookies()
    d.get(new)
    row = d.find_element(By.CSS_SELECTOR, "#round tr[data-c='1.1.2']")
    check("the unit sees the decision, the year closed", d.find_element(By.ID, "round").get_attribute("data-state") == "closed"
          and row.find_elements(By.CSS_SELECTOR, ".decision") and ">2<" in row.get_attribute("innerHTML"), row.text)
finally:
    d.quit()
    srv.stop()
finish()
