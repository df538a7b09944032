#!/usr/bin/python3
"""The workspace's pages in headless Chromium (issue 23), at 1366x768: log
in, make a year, download the forms' zip, drop good and broken forms and
see the errors on their cells, the ranking, build with its progress bar,
preview a PDF, download the packet, send to a local SMTP server with each
unit's state. A screenshot of each page goes to SHOTS.

usage: serve-browser.py PARPACK WORK SHOTS   (run from the repository)"""
import glob, io, json, os, re, shutil, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

PARPACK, WORK, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
WS, DL = os.path.join(WORK, "ws"), os.path.join(WORK, "downloads")
os.makedirs(SHOTS, exist_ok=True)
os.makedirs(DL, exist_ok=True)
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")

inbox, portfile = os.path.join(WORK, "inbox"), os.path.join(WORK, "smtp.port")
# Thống Nhất's address is refused by the server (550)
smtpd = subprocess.Popen([PY, "tests/smtpd.py", inbox, portfile, "--timeout", "300",
                          "--refuse", "ubnd.thongnhat@gialoc.example.vn"])
for _ in range(100):
    if os.path.exists(portfile) and open(portfile).read().strip():
        break
    time.sleep(0.1)
srv = Server(PARPACK, WS, env={"PARPACK_SMTP_URL": "smtp://127.0.0.1:" + open(portfile).read().strip()})
base = "http://127.0.0.1:%d" % srv.port
# last year, complete, through the API: the ranking's previous year
api = Client(srv.port)
api.login("anna", "anna-secret-1")
api.upload("/api/years", "appraisal", [("gia-loc-2021.xml", open("fixtures/gia-loc-2021.xml", "rb").read())])

o = webdriver.ChromeOptions()
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--lang=vi"):
    o.add_argument(a)
o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
d.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": DL})
# the page's own size 1366x768, as a laptop's screen
d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": False})
wait = WebDriverWait(d, 60)


def shot(name):
    d.save_screenshot(os.path.join(SHOTS, name + ".png"))


def download(click, pattern):
    for f in glob.glob(os.path.join(DL, "*")):
        os.remove(f)
    click()
    for _ in range(300):
        got = [f for f in glob.glob(os.path.join(DL, pattern)) if not f.endswith(".crdownload")]
        if got:
            time.sleep(0.2)
            return got[0]
        time.sleep(0.1)
    return None


def count(state):
    """The count of a state in the units' totals (read in one go: the
    table is redrawn as forms come)."""
    return d.execute_script("var e = document.querySelector('[data-count=' + arguments[0] + ']');"
                            "return e ? e.textContent : null", state)


def css(sel):
    return d.find_elements(By.CSS_SELECTOR, sel)


try:
    # --- login ---------------------------------------------------------------
    d.get(base + "/")
    wait.until(lambda d: d.current_url.endswith("/login"))
    check("no session: the login page", d.current_url == base + "/login")
    check("the login page in Vietnamese", "Đăng nhập" in d.page_source, d.title)
    shot("1-login")
    # empty: said in the page's words, not the browser's bubble
    d.find_element(By.ID, "submit").click()
    wait.until(lambda d: d.find_element(By.ID, "msg").text)
    check("an empty login is said in Vietnamese", d.find_element(By.ID, "msg").text == "Hãy ghi tên người dùng và mật khẩu."
          and d.current_url.endswith("/login"), d.find_element(By.ID, "msg").text)
    d.find_element(By.ID, "user").send_keys("anna")
    d.find_element(By.ID, "password").send_keys("wrong-password")
    d.find_element(By.ID, "submit").click()
    wait.until(lambda d: d.find_element(By.ID, "msg").text)
    check("a wrong password is said", d.find_element(By.ID, "msg").text != "")
    d.find_element(By.ID, "password").clear()
    d.find_element(By.ID, "password").send_keys("anna-secret-1")
    d.find_element(By.ID, "submit").click()
    wait.until(lambda d: css("#years"))
    check("logged in: the years", "2021" in d.find_element(By.ID, "years").text)
    check("the user is named", "anna" in d.find_element(By.ID, "who").text)

    # --- a bad appraisal, then a year ----------------------------------------
    badf = os.path.join(WORK, "sai.xml")
    open(badf, "wb").write(open("fixtures/gia-loc-2022.xml", "rb").read().replace(b'max="2"', b'max="2,5"', 1))
    css("#new-year input[type=file]")[0].send_keys(badf)
    wait.until(lambda d: css(".appraisal-errors"))
    check("a bad appraisal: its errors with line and column", "sai.xml" in css(".appraisal-errors")[0].text)
    shot("2-years")
    blank = os.path.join(WORK, "blank-2022.xml")
    strip_scores("fixtures/gia-loc-2022.xml", blank)
    css("#new-year input[type=file]")[0].send_keys(blank)
    wait.until(lambda d: d.current_url.endswith("#/year/2022"))
    wait.until(lambda d: css("#units tbody tr"))
    check("the year's units: 18, no form", len(css("#units tbody tr")) == 18
          and count("missing") == "18")
    picks = [e.text for e in css(".filepick")]
    check("the file control speaks the page's language (not the browser's 'Choose Files')",
          picks == ["Chọn các tệp…"], picks)

    # --- the deadline, written as a Vietnamese office writes it --------------
    # (day first; the browser's own date field shows mm/dd/yyyy and AM/PM
    # in an English browser)
    dl = d.find_element(By.ID, "deadline-input")
    check("the deadline's field says how to write it", dl.get_attribute("placeholder") == "ngày/tháng/năm giờ:phút",
          dl.get_attribute("placeholder"))
    before = d.find_element(By.ID, "round-state").text
    for wrong in ("12/31/2099 17:00", "30/02/2099", "31/12/2099 25:00", "ngày mai"):
        dl.clear()
        dl.send_keys(wrong)
        d.find_element(By.ID, "set-deadline").click()
        wait.until(lambda d: d.find_element(By.ID, "round-msg").text)
        check("a deadline that is no date (%s): said, with an example, and nothing set" % wrong,
              "31/12/2026 17:00" in d.find_element(By.ID, "round-msg").text
              and d.find_element(By.ID, "round-state").text == before, d.find_element(By.ID, "round-msg").text)
        d.execute_script("document.getElementById('round-msg').textContent = ''")
    for typed, shown in (("15/01/2100", "15/01/2100 17:00"), ("31/12/2099 17h30", "31/12/2099 17:30")):
        dl.clear()
        dl.send_keys(typed)
        d.find_element(By.ID, "set-deadline").click()
        wait.until(lambda d: shown in d.find_element(By.ID, "round-state").text)
        check("the deadline %s is set: %s" % (typed, shown),
              d.find_element(By.ID, "round-msg").text == "" and dl.get_attribute("value") == shown,
              (d.find_element(By.ID, "round-msg").text, dl.get_attribute("value")))

    # --- the forms' zip ----------------------------------------------------
    z = download(lambda: d.find_element(By.ID, "forms-zip").click(), "*.zip")
    check("the forms' zip downloaded", z is not None)
    forms = os.path.join(WORK, "forms")
    zipfile.ZipFile(z).extractall(forms)
    check("a form per unit in it", len(glob.glob(os.path.join(forms, "units/*/*.xlsx"))) == 18)
    subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2022.xml", forms], check=True)
    good_tn = glob.glob(os.path.join(forms, "units/thong-nhat/*.xlsx"))[0]
    broken = os.path.join(WORK, "thong-nhat-sai.xlsx")
    shutil.copy(good_tn, broken)
    cells = subprocess.run([PY, "tests/break-form.py", broken, "above", "nan"], capture_output=True,
                           text=True, check=True).stdout.splitlines()
    others = [f for f in sorted(glob.glob(os.path.join(forms, "units/*/*.xlsx"))) if "thong-nhat" not in f]

    # --- drop 17 good forms and a broken one ---------------------------------
    css("input[type=file][multiple]")[0].send_keys("\n".join(others + [broken]))
    wait.until(lambda d: css("#form-results tbody tr"))
    rows = css("#form-results tbody tr")
    check("18 results", len(rows) == 18, len(rows))
    bad = css(".formgrid td.bad")
    check("the broken form's errors on its cells", sorted("Phiếu chấm điểm!" + b.get_attribute("data-cell") for b in bad) == sorted(cells),
          [b.get_attribute("data-cell") for b in bad])
    check("each marked cell says what is wrong", all(b.text for b in bad) and "1.1.1" in bad[0].text)
    grid = css(".formgrid")[0].text
    check("the grid shows the form's own cells around them (the criterion's code, what was written)",
          "1.1.1" in grid and "abc" in grid, grid[:300])
    nums = [td.text for td in css(".formgrid td:not(.bad)") if re.match(r"^[0-9]+[.,][0-9]+$", td.text)]
    check("the grid's numbers written the Vietnamese way (0,75), not Excel's stored 0.75",
          nums and all("," in x for x in nums), nums)
    wait.until(lambda d: count("ok") == "17")
    check("17 complete, 1 refused", count("invalid") == "1")
    d.execute_script("document.getElementById('drop-results').scrollIntoView()")
    check("the page is 1366 wide without a horizontal scroll bar",
          d.execute_script("return document.documentElement.scrollWidth") <= 1366)
    shot("3-form-errors")
    check("no ranking yet", "khi" in d.find_element(By.ID, "ranking").text or d.find_element(By.ID, "ranking").text)

    # --- the good one: complete, the ranking ---------------------------------
    css("input[type=file][multiple]")[0].send_keys(good_tn)
    wait.until(lambda d: count("ok") == "18")
    wait.until(lambda d: css("#ranking table.ranking tbody tr"))
    rk = css("#ranking table.ranking tbody tr")
    check("the ranking: 18 units, Thống Nhất first with 87,49%", len(rk) == 18 and "Thống Nhất" in rk[0].text and "87,49%" in rk[0].text,
          rk[0].text if rk else "")
    check("ratings and flags in words", "Hoàn thành tốt nhiệm vụ" in rk[0].text
          and "Làm rõ trách nhiệm" in css("#ranking")[0].text, rk[0].text if rk else "")
    css("#units tr[data-unit=thong-nhat] button")[0].click()
    wait.until(lambda d: css("#history tbody tr"))
    check("a unit's forms: the refused one and the good one, who and when",
          len(css("#history tbody tr")) == 2 and "anna" in css("#history")[0].text, css("#history")[0].text)
    d.execute_script("window.scrollTo(0, 0)")
    shot("4-year")
    d.execute_script("document.getElementById('ranking').scrollIntoView()")
    shot("5-ranking")

    # --- build ---------------------------------------------------------------
    d.find_element(By.ID, "build").click()
    wait.until(lambda d: css("#build-msg [data-state=done]") or css("#build-msg [data-state=failed]"))
    check("built: done", css("#build-msg [data-state=done]"), d.find_element(By.ID, "build-msg").text)
    width = d.execute_script("return document.querySelector('#build-progress div').style.width")
    check("the progress bar full", width == "100%", width)
    wait.until(lambda d: css(".preview-btn"))
    css(".preview-btn")[0].click()
    wait.until(lambda d: css("#preview iframe"))
    src = css("#preview iframe")[0].get_attribute("src")
    ctype = d.execute_script("return fetch(arguments[0]).then(r => r.headers.get('Content-Type'))", src)
    check("the preview shows a PDF of the packet", ctype == "application/pdf" and src.endswith(".pdf"), (src, ctype))
    time.sleep(1.5)
    d.execute_script("document.getElementById('build').scrollIntoView()")
    shot("6-packet")
    z = download(lambda: d.find_element(By.ID, "packet-zip").click(), "*.zip")
    man = open(os.path.join(WS, "output/2022/manifest.tsv"), encoding="utf-8").read().splitlines()
    names = zipfile.ZipFile(z).namelist() if z else []
    check("the packet's zip downloaded: every file of the manifest", z and len(names) == len(man) + 2, len(names))

    # --- send ----------------------------------------------------------------
    d.find_element(By.ID, "send").click()
    wait.until(lambda d: css("#send-msg [data-state=done]") or css("#send-msg [data-state=failed]"))
    sent = css("#send-table [data-state=sent]")
    check("sent: 16 units, each marked sent", len(sent) == 16, len(sent))
    check("the unit's name in the send table", "Đoàn Thượng" in d.find_element(By.ID, "send-table").text)
    check("16 messages in the SMTP server", len(glob.glob(os.path.join(inbox, "*.eml"))) == 16)
    # the refused one: why, in the page's language, with the server's words
    row = d.find_element(By.CSS_SELECTOR, "#send-table tr[data-unit='thong-nhat']")
    check("the refused unit's row says why in Vietnamese, with the server's words",
          "chưa gửi được tới ubnd.thongnhat@gialoc.example.vn" in row.text and "550" in row.text
          and row.find_elements(By.CSS_SELECTOR, "[data-state=refused]"), row.text)
    check("the refused unit first in the table", css("#send-table tbody tr")[0].get_attribute("data-unit") == "thong-nhat",
          css("#send-table tbody tr")[0].get_attribute("data-unit"))
    check("the send's summary in Vietnamese", "16/17" in d.find_element(By.ID, "send-msg").text
          and "bị từ chối" in d.find_element(By.ID, "send-msg").text, d.find_element(By.ID, "send-msg").text)
    check("16 sent and 1 refused is 'not all sent', not 'failed'",
          d.find_element(By.CSS_SELECTOR, "#send-msg [data-state=failed]").text == "chưa gửi hết",
          d.find_element(By.CSS_SELECTOR, "#send-msg .badge").text)
    d.execute_script("document.getElementById('send').scrollIntoView()")
    shot("7-send")
    logs = [l for l in d.get_log("browser") if l["level"] == "SEVERE" or "Content Security Policy" in l["message"]]
    # the API's answers of 4xx are the page's business (a refused appraisal,
    # no ranking yet, no packet yet): only the scripts' own errors count
    logs = [l for l in logs if l.get("source") != "network"]
    check("no script error, no CSP violation in the console", not logs, logs)
    # log out
    d.find_element(By.ID, "logout").click()
    wait.until(lambda d: d.current_url.endswith("/login"))
    d.get(base + "/")
    check("logged out: back to the login page", d.current_url.endswith("/login"))
finally:
    d.quit()
    srv.stop()
    smtpd.terminate()
    smtpd.wait()
finish()
