#!/usr/bin/env python3
"""Write fixtures/gia-loc-2021.xml and fixtures/gia-loc-2022.xml.

The figures the article (seed 000) publishes are fixed here: the tiers and
their members, the indices of the first three and the last, the head
ratings (9 "tốt", 9 "hoàn thành", 6 of them demoted by a field under 70%),
and the rank rises computed against 2021. Everything else (criteria,
points per criterion, notes, names of heads) is invented, deterministically,
so that the totals come out exactly. Run it again and the files are the
same; the tests read the files, not this script.
"""
import random
from decimal import Decimal as D

FIELDS = [  # id, name, criteria: (name, [(leaf name, max, source)])
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", [
        ("Kế hoạch cải cách hành chính năm", [
            ("Ban hành kế hoạch cải cách hành chính năm kịp thời", 1.0, None),
            ("Mức độ thực hiện kế hoạch cải cách hành chính", 2.0, None)]),
        ("Công tác kiểm tra, báo cáo", [
            ("Thực hiện chế độ báo cáo định kỳ", 1.0, None),
            ("Kiểm tra công tác cải cách hành chính", 1.5, None)]),
        ("Tuyên truyền cải cách hành chính", [
            ("Mức độ thực hiện kế hoạch tuyên truyền", 1.5, None),
            ("Đánh giá của người dân về công tác chỉ đạo", 5.0, "survey")]),
    ]),
    ("2", "Cải cách thể chế", [
        ("Xây dựng và ban hành văn bản quy phạm pháp luật", [
            ("Thực hiện đúng trình tự ban hành văn bản", 2.0, None),
            ("Tự kiểm tra, rà soát văn bản", 2.0, None)]),
        ("Tổ chức thi hành pháp luật", [
            ("Mức độ thực hiện kế hoạch phổ biến pháp luật", 2.0, None),
            ("Đánh giá của người dân về thi hành pháp luật", 4.0, "survey")]),
    ]),
    ("3", "Cải cách thủ tục hành chính", [
        ("Công khai thủ tục hành chính", [
            ("Công khai đầy đủ thủ tục hành chính tại bộ phận một cửa", 2.0, None),
            ("Cập nhật thủ tục hành chính trên cổng thông tin", 2.0, None)]),
        ("Thực hiện cơ chế một cửa, một cửa liên thông", [
            ("Tỷ lệ hồ sơ giải quyết đúng hạn", 4.0, None),
            ("Xin lỗi người dân khi giải quyết quá hạn", 2.0, None),
            ("Tiếp nhận, xử lý phản ánh, kiến nghị", 2.0, None)]),
        ("Sự hài lòng của người dân", [
            ("Mức độ hài lòng về giải quyết thủ tục hành chính", 6.0, "survey")]),
    ]),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", [
        ("Thực hiện quy định về tổ chức bộ máy", [
            ("Bố trí công chức theo vị trí việc làm", 2.0, None),
            ("Thực hiện quy chế làm việc", 2.0, None)]),
        ("Phân cấp, ủy quyền", [
            ("Thực hiện các nhiệm vụ được phân cấp", 2.0, None),
            ("Đánh giá của người dân về tổ chức bộ máy", 4.0, "survey")]),
    ]),
    ("5", "Cải cách chế độ công vụ", [
        ("Tuyển dụng, sử dụng cán bộ, công chức", [
            ("Bố trí cán bộ, công chức đúng quy định", 2.0, None),
            ("Tỷ lệ công chức đạt chuẩn", 2.0, None)]),
        ("Đào tạo, bồi dưỡng", [
            ("Thực hiện kế hoạch đào tạo, bồi dưỡng", 2.0, None),
            ("Chấp hành kỷ luật, kỷ cương hành chính", 3.0, None)]),
        ("Đánh giá của người dân về công vụ", [
            ("Thái độ phục vụ của cán bộ, công chức", 5.0, "survey")]),
    ]),
    ("6", "Cải cách tài chính công", [
        ("Quản lý ngân sách", [
            ("Thực hiện công khai ngân sách", 2.0, None),
            ("Thực hiện quy chế chi tiêu nội bộ", 2.0, None)]),
        ("Quản lý tài sản công", [
            ("Quản lý, sử dụng tài sản công đúng quy định", 2.0, None),
            ("Đánh giá của người dân về tài chính công", 4.0, "survey")]),
    ]),
    ("7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số", [
        ("Ứng dụng công nghệ thông tin", [
            ("Sử dụng hệ thống quản lý văn bản và điều hành", 3.0, None),
            ("Sử dụng chữ ký số", 3.0, None),
            ("Cập nhật thông tin trên trang thông tin điện tử", 2.0, None)]),
        ("Dịch vụ công trực tuyến", [
            ("Tỷ lệ hồ sơ trực tuyến toàn trình", 4.0, None),
            ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", 4.0, None),
            ("Thanh toán trực tuyến", 2.0, None)]),
        ("Số hóa dữ liệu", [
            ("Số hóa sổ hộ tịch", 4.0, None),
            ("Đánh giá của người dân về dịch vụ số", 4.0, "survey")]),
    ]),
]

UNITS = [  # id, name, kind, head
    ("thong-nhat", "Thống Nhất", "xã", "Nguyễn Văn Hưng"),
    ("toan-thang", "Toàn Thắng", "xã", "Phạm Văn Quý"),
    ("thong-kenh", "Thống Kênh", "xã", "Vũ Đức Thắng"),
    ("thi-tran-gia-loc", "Thị trấn Gia Lộc", "thị trấn", "Đỗ Thị Hà"),
    ("gia-khanh", "Gia Khánh", "xã", "Lê Văn Tuấn"),
    ("doan-thuong", "Đoàn Thượng", "xã", "Nguyễn Thị Lan"),
    ("nhat-tan", "Nhật Tân", "xã", "Trần Văn Minh"),
    ("quang-minh", "Quang Minh", "xã", "Phạm Thị Hồng"),
    ("hoang-dieu", "Hoàng Diệu", "xã", "Bùi Văn Long"),
    ("dong-quang", "Đồng Quang", "xã", "Nguyễn Đức Anh"),
    ("yet-kieu", "Yết Kiêu", "xã", "Hoàng Văn Sơn"),
    ("pham-tran", "Phạm Trấn", "xã", "Đinh Văn Khải"),
    ("gia-tan", "Gia Tân", "xã", "Vũ Thị Thu"),
    ("gia-luong", "Gia Lương", "xã", "Nguyễn Văn Cường"),
    ("hong-hung", "Hồng Hưng", "xã", "Phạm Văn Đông"),
    ("tan-tien", "Tân Tiến", "xã", "Lương Văn Hải"),
    ("le-loi", "Lê Lợi", "xã", "Trịnh Văn Bình"),
    ("duc-xuong", "Đức Xương", "xã", "Mạc Văn Thành"),
]

# 2022: index, and fields pinned to a percentage (field id -> pct)
Y2022 = {
    "thong-nhat": ("87.49", {}),
    "toan-thang": ("85.18", {}),
    "doan-thuong": ("84.99", {}),
    "thong-kenh": ("84.62", {}),
    "gia-khanh": ("84.10", {}),
    "thi-tran-gia-loc": ("83.75", {"5": "66"}),   # demoted
    "dong-quang": ("83.40", {}),
    "nhat-tan": ("83.02", {}),
    "hoang-dieu": ("82.66", {"7": "65"}),         # demoted
    "quang-minh": ("82.31", {}),
    "yet-kieu": ("81.94", {"2": "68"}),           # demoted
    "hong-hung": ("81.57", {}),
    "pham-tran": ("81.20", {"3": "68"}),          # demoted and flagged
    "gia-tan": ("80.83", {"6": "65"}),            # demoted
    "gia-luong": ("80.41", {"7": "69"}),          # demoted
    "tan-tien": ("78.36", {"3": "72"}),           # flagged
    "le-loi": ("74.12", {"3": "70"}),             # flagged
    "duc-xuong": ("66.45", {"3": "60"}),          # flagged
}
# 2021: rank order and indices; 4 heads "tốt" (the first four)
ORDER2021 = ["thi-tran-gia-loc", "nhat-tan", "quang-minh", "hoang-dieu",
             "doan-thuong", "thong-kenh", "yet-kieu", "pham-tran", "gia-tan",
             "toan-thang", "hong-hung", "gia-luong", "thong-nhat", "le-loi",
             "tan-tien", "gia-khanh", "dong-quang", "duc-xuong"]
IDX2021 = ["86.20", "84.75", "83.10", "81.40", "79.60", "79.05", "78.32",
           "77.80", "77.15", "76.94", "76.60", "76.35", "76.10", "74.22",
           "73.05", "71.48", "69.90", "66.10"]
PINS2021 = {"doan-thuong": {}, "duc-xuong": {"3": "62"}}

NOTES = ["Chậm ban hành so với thời hạn quy định",
         "Báo cáo chậm, chưa đầy đủ nội dung",
         "Còn hồ sơ giải quyết quá hạn chưa có văn bản xin lỗi",
         "Chưa công khai đầy đủ thủ tục hành chính",
         "Tỷ lệ hồ sơ trực tuyến toàn trình chưa đạt chỉ tiêu",
         "Chưa có minh chứng kèm theo",
         "Số hóa kết quả giải quyết chưa đạt yêu cầu"]

Q = D("0.01")


def leaves_of(field):
    out = []
    for ci, (cname, leaves) in enumerate(field[2], 1):
        for li, (lname, mx, src) in enumerate(leaves, 1):
            out.append(("%s.%d.%d" % (field[0], ci, li), D(str(mx)), src))
    return out


FMAX = {f[0]: sum(l[1] for l in leaves_of(f)) for f in FIELDS}
TOTAL = sum(FMAX.values())
assert TOTAL == 100, TOTAL


def field_targets(total, pins, rnd):
    """Points per field summing exactly to total."""
    t = {}
    for fid, pct in pins.items():
        t[fid] = (FMAX[fid] * D(pct) / 100).quantize(Q)
    rest = [f[0] for f in FIELDS if f[0] not in pins]
    remaining = total - sum(t.values())
    rest_max = sum(FMAX[f] for f in rest)
    p = remaining / rest_max
    for fid in rest:
        t[fid] = (FMAX[fid] * p).quantize(Q)
    # fix rounding on the largest free field
    t[rest[-1]] += total - sum(t.values())
    # gentle variety: move points between free fields, keeping every free
    # field within 75%..100% (above the 70% field-min and the 75% flag)
    for _ in range(6):
        a, b = rnd.sample(rest, 2)
        d = D(rnd.randint(1, 60)) * Q
        if (t[a] + d <= FMAX[a] and t[b] - d >= FMAX[b] * D("0.76")
                and t[a] + d >= FMAX[a] * D("0.76")):
            t[a] += d
            t[b] -= d
    return t


def leaf_points(fid, target, rnd):
    """Points per leaf of a field, in quarters except survey leaves."""
    ls = leaves_of([f for f in FIELDS if f[0] == fid][0])
    frac = target / FMAX[fid]
    pts = {}
    survey = [l for l in ls if l[2] == "survey"]
    plain = [l for l in ls if l[2] != "survey"]
    for lid, mx, _ in plain:
        v = (mx * frac * 4).to_integral_value(rounding="ROUND_FLOOR") / 4
        pts[lid] = v
    s = survey[0]
    r = target - sum(pts.values())
    while r > s[1]:
        cand = [l for l in plain if pts[l[0]] + D("0.25") <= l[1]]
        l = rnd.choice(cand)
        pts[l[0]] += D("0.25")
        r -= D("0.25")
    while r < 0:
        cand = [l for l in plain if pts[l[0]] >= D("0.25")]
        l = rnd.choice(cand)
        pts[l[0]] -= D("0.25")
        r += D("0.25")
    pts[s[0]] = r
    return pts


def fmt(d):
    s = format(d.normalize(), "f")
    return s


def unit_xml(uid, name, kind, head, email, index, pins, rnd):
    total = D(index)
    ft = field_targets(total, pins, rnd)
    lines = []
    attrs = 'id="%s" kind="%s" name="%s" head="%s"' % (uid, kind, name, head)
    if email:
        attrs += ' email="%s"' % email
    lines.append('      <unit %s>' % attrs)
    for f in FIELDS:
        pts = leaf_points(f[0], ft[f[0]], rnd)
        for lid, mx, src in leaves_of(f):
            a = pts[lid]
            if src == "survey":
                lines.append('        <score c="%s" appraised="%s"/>' % (lid, fmt(a)))
                continue
            self_ = a
            note = ""
            if a < mx and rnd.random() < 0.45:
                self_ = min(mx, a + D("0.25") * rnd.randint(1, 3))
                note = ' note="%s"' % rnd.choice(NOTES)
            lines.append('        <score c="%s" self="%s" appraised="%s"%s/>'
                         % (lid, fmt(self_), fmt(a), note))
    lines.append('      </unit>')
    return "\n".join(lines)


def scheme_xml():
    out = ['  <scheme title="Bộ tiêu chí xác định Chỉ số cải cách hành chính '
           'của UBND các xã, thị trấn" max="100">']
    for fid, fname, crits in FIELDS:
        out.append('    <field id="%s" name="%s">' % (fid, fname))
        for ci, (cname, leaves) in enumerate(crits, 1):
            cmax = sum(D(str(l[1])) for l in leaves)
            out.append('      <criterion id="%s.%d" name="%s" max="%s">'
                       % (fid, ci, cname, fmt(cmax)))
            for li, (lname, mx, src) in enumerate(leaves, 1):
                s = ' source="survey"' if src else ""
                out.append('        <criterion id="%s.%d.%d" name="%s" max="%s"%s/>'
                           % (fid, ci, li, lname, fmt(D(str(mx))), s))
            out.append('      </criterion>')
        out.append('    </field>')
    out.append('  </scheme>')
    return "\n".join(out)


HEAD = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- Gia Lộc district, @YEAR@: the 18 communes and towns. Figures the
     article publishes are reproduced exactly (see fixtures/README.md);
     the rest is invented. Written by tools/make-gia-loc.py. -->
<appraisal format="1" year="@YEAR@" precision="2">
  <issuer>
    <parent>UBND TỈNH HẢI DƯƠNG</parent>
    <name>ỦY BAN NHÂN DÂN HUYỆN GIA LỘC</name>
    <symbol>UBND</symbol>
    <place>Gia Lộc</place>
    <email>vanphong@gialoc.example.vn</email>
    <signer authority="TM. ỦY BAN NHÂN DÂN" capacity="KT. CHỦ TỊCH"
            title="PHÓ CHỦ TỊCH" name="Phạm Văn Tuyên"/>
    <recipients>
      <to>Như Điều 3</to>
      <to>UBND tỉnh Hải Dương (để báo cáo)</to>
      <to>Sở Nội vụ tỉnh Hải Dương</to>
      <to>Thường trực Huyện ủy, Thường trực HĐND huyện</to>
      <to>Chủ tịch, các Phó Chủ tịch UBND huyện</to>
      <to>Lưu: VT, NV</to>
    </recipients>
  </issuer>
  <announcement date="@DATE@" number=""/>
@SCHEME@
  <tiers>
    <tier min="90" label="Từ 90% trở lên"/>
    <tier min="80" label="Từ 80% đến dưới 90%"/>
    <tier min="65" label="Từ 65% đến dưới 80%"/>
    <tier min="0" label="Dưới 65%"/>
  </tiers>
  <ratings>
    <rating id="xuat-sac" min="90" field-min="70" label="Hoàn thành xuất sắc nhiệm vụ"/>
    <rating id="tot" min="80" field-min="70" label="Hoàn thành tốt nhiệm vụ"/>
    <rating id="hoan-thanh" min="65" label="Hoàn thành nhiệm vụ"/>
    <rating id="khong" min="0" label="Không hoàn thành nhiệm vụ"/>
  </ratings>
  <flags>
    <flag id="tthc" field="3" below="75"
          label="Làm rõ trách nhiệm người đứng đầu: Cải cách thủ tục hành chính dưới 75%"/>
  </flags>
  <units>
'''

AWARDS = '''  <awards>
    <form id="giay-khen" label="Giấy khen của Chủ tịch UBND huyện"
          individual="0.3" collective="0.6"/>
    <award form="giay-khen"
           reason="Đã có thành tích xuất sắc trong thực hiện nhiệm vụ cải cách hành chính năm 2022">
      <collective name="Phòng Tư pháp huyện Gia Lộc"/>
      <collective unit="thong-nhat"/>
      <collective unit="toan-thang"/>
      <individual name="Nguyễn Thị Thu Hương" position="Chuyên viên Phòng Nội vụ" org="UBND huyện Gia Lộc"/>
      <individual name="Phạm Văn Hòa" position="Công chức Văn phòng - Thống kê" org="UBND xã Thống Nhất"/>
      <individual name="Trần Thị Mai" position="Công chức Tư pháp - Hộ tịch" org="UBND xã Toàn Thắng"/>
      <individual name="Vũ Văn Dũng" position="Công chức Văn phòng - Thống kê" org="UBND xã Đoàn Thượng"/>
      <individual name="Lê Thị Ngọc Ánh" position="Chuyên viên Văn phòng HĐND và UBND huyện" org="UBND huyện Gia Lộc"/>
    </award>
    <award form="giay-khen"
           reason="Đã hoàn thành xuất sắc trong thực hiện dịch vụ công trực tuyến và số hóa hộ tịch năm 2022">
      <collective unit="thong-nhat"/>
      <collective unit="gia-luong"/>
      <collective unit="gia-tan"/>
      <collective unit="thong-kenh"/>
      <collective unit="gia-khanh"/>
      <individual name="Đào Thị Phương" position="Công chức Tư pháp - Hộ tịch" org="UBND xã Gia Lương"/>
    </award>
  </awards>
'''


def write(year, date, plan, path, awards, no_email, chairman=False):
    rnd = random.Random(int(year))
    parts = [HEAD.replace("@YEAR@", year).replace("@DATE@", date)
             .replace("@SCHEME@", scheme_xml())]
    if year == "2022":
        # the signer's office (docs/input-format.md); 2021 keeps the older
        # authority/capacity form, which must still load
        parts[0] = parts[0].replace(
            '<signer authority="TM. ỦY BAN NHÂN DÂN" capacity="KT. CHỦ TỊCH"\n'
            '            title="PHÓ CHỦ TỊCH" name="Phạm Văn Tuyên"/>',
            '<signer office="deputy" body="ỦY BAN NHÂN DÂN"\n'
            '            title="PHÓ CHỦ TỊCH" name="Phạm Văn Tuyên"/>')
    if chairman:
        # the same year signed by the chairman himself, office and body
        # left to their defaults ("CHỦ TỊCH", "ỦY BAN NHÂN DÂN")
        parts[0] = parts[0].replace(
            '<signer office="deputy" body="ỦY BAN NHÂN DÂN"\n'
            '            title="PHÓ CHỦ TỊCH" name="Phạm Văn Tuyên"/>',
            '<signer office="chairman" name="Lê Văn Hiệu"/>').replace(
            "the 18 communes and towns.", "the 18 communes and towns,\n     signed by the chairman.")
    for uid, name, kind, head in UNITS:
        index, pins = plan[uid]
        email = None if uid in no_email else "ubnd.%s@gialoc.example.vn" % uid.replace("-", "")
        parts.append(unit_xml(uid, name, kind, head, email, index, pins, rnd))
        parts.append("\n")
    parts.append("  </units>\n")
    if awards:
        parts.append(AWARDS)
    parts.append("</appraisal>\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(parts))


if __name__ == "__main__":
    import os
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
    write("2022", "2023-03-17", Y2022, os.path.join(here, "gia-loc-2022.xml"),
          True, {"hong-hung"})
    write("2022", "2023-03-17", Y2022,
          os.path.join(here, "gia-loc-2022-chairman.xml"), True, {"hong-hung"},
          chairman=True)
    plan21 = {}
    for uid, idx in zip(ORDER2021, IDX2021):
        plan21[uid] = (idx, PINS2021.get(uid, {}))
    write("2021", "2022-03-15", plan21, os.path.join(here, "gia-loc-2021.xml"),
          False, set())
