#!/usr/bin/env python3
"""Write the smaller fixtures: Hà Tĩnh 2023 (three blocks, seed 004),
Kon Tum 2022 with Kon Rẫy's not-applicable criteria (seed 002), ties in
Vietnamese order, and a file written in NFD. Deterministic."""
import importlib.util
import os
import re
import random
import unicodedata
from decimal import Decimal as D

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "fixtures")
spec = importlib.util.spec_from_file_location("gl", os.path.join(HERE, "make-gia-loc.py"))
gl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gl)

Q = D("0.01")


def spread(leaves, target, rnd, step=D("0.25")):
    """Points per applicable leaf summing to target: quarters on plain
    leaves, the remainder (to 0.001) on survey leaves."""
    mx = sum(l[1] for l in leaves)
    frac = target / mx
    pts = {}
    survey = [l for l in leaves if l[2] == "survey"]
    plain = [l for l in leaves if l[2] != "survey"]
    for lid, m, _ in plain:
        pts[lid] = (m * frac / step).to_integral_value(rounding="ROUND_FLOOR") * step
    cap = sum(l[1] for l in survey)
    r = target - sum(pts.values())
    while r > cap:
        l = rnd.choice([l for l in plain if pts[l[0]] + step <= l[1]])
        pts[l[0]] += step
        r -= step
    while r < 0:
        l = rnd.choice([l for l in plain if pts[l[0]] >= step])
        pts[l[0]] -= step
        r += step
    for lid, m, _ in survey:
        pts[lid] = min(m, r)
        r -= pts[lid]
    assert sum(pts.values()) == target, (sum(pts.values()), target)
    return pts


def all_leaves():
    out = []
    for f in gl.FIELDS:
        out.extend(gl.leaves_of(f))
    return out


def head(year, date, issuer, parent, place, signer, precision=2):
    h = gl.HEAD.replace("@YEAR@", year).replace("@DATE@", date).replace(
        "@SCHEME@", gl.scheme_xml())
    h = h.replace('precision="2"', 'precision="%d"' % precision)
    h = h.replace("ỦY BAN NHÂN DÂN HUYỆN GIA LỘC", issuer)
    h = h.replace("UBND TỈNH HẢI DƯƠNG", parent)
    h = h.replace("<place>Gia Lộc</place>", "<place>%s</place>" % place)
    h = h.replace('name="Phạm Văn Tuyên"', 'name="%s"' % signer)
    h = h.replace("vanphong@gialoc.example.vn", "vanphong@%s.example.vn" % place.lower().replace(" ", ""))
    h = h.replace("Gia Lộc district", place)
    h = h.replace("của UBND các xã, thị trấn", "của các sở, ban, ngành, UBND cấp huyện"
                  if place == "Hà Tĩnh" else "của UBND cấp huyện")
    h = h.replace("Hải Dương", "")
    return h


def unit(uid, name, index, rnd, na=(), kind=None):
    leaves = [l for l in all_leaves() if l[0] not in na]
    pts = spread(leaves, D(index), rnd)
    k = ' kind="%s"' % kind if kind else ""
    out = ['      <unit id="%s" name="%s"%s>' % (uid, name, k)]
    for lid, m, src in all_leaves():
        if lid in na:
            out.append('        <score c="%s" na="true"/>' % lid)
        else:
            out.append('        <score c="%s" appraised="%s"/>' % (lid, gl.fmt(pts[lid])))
    out.append("      </unit>")
    return "\n".join(out)


def mean_fix(vals, mean, n):
    """Adjust the last value so the mean rounds to `mean` exactly."""
    vals = [D(v) for v in vals]
    want = D(mean) * n
    vals[-1] += want - sum(vals)
    assert all(D(0) <= v <= D(100) for v in vals), vals
    assert vals[-1] <= vals[-2], vals  # the adjusted one stays last
    return [str(v.quantize(Q)) for v in vals]


def ha_tinh():
    rnd = random.Random(2023)
    so = ["Sở Khoa học và Công nghệ", "Sở Tư pháp", "Sở Nội vụ", "Sở Tài chính",
          "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh",
          "Sở Công Thương", "Sở Tài nguyên và Môi trường", "Sở Xây dựng",
          "Sở Giao thông vận tải", "Sở Y tế", "Sở Giáo dục và Đào tạo",
          "Sở Nông nghiệp và Phát triển nông thôn", "Sở Lao động - Thương binh và Xã hội",
          "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh"]
    so_idx = mean_fix(["93.85", "93.12", "92.70", "92.41", "91.96", "91.58", "91.20",
                       "90.88", "90.64", "90.45", "90.27", "90.10",
                       "89.62", "88.95", "88.10", "87.43", "86.00"], "90.53", 17)
    hu = ["UBND thành phố Hà Tĩnh", "UBND thị xã Hồng Lĩnh", "UBND huyện Can Lộc",
          "UBND thị xã Kỳ Anh", "UBND huyện Thạch Hà", "UBND huyện Đức Thọ",
          "UBND huyện Nghi Xuân", "UBND huyện Cẩm Xuyên", "UBND huyện Lộc Hà",
          "UBND huyện Hương Sơn", "UBND huyện Kỳ Anh", "UBND huyện Hương Khê",
          "UBND huyện Vũ Quang"]
    hu_idx = mean_fix(["96.80", "95.90", "94.75", "93.60", "92.45", "91.30",
                       "89.90", "89.40", "88.60", "87.90", "86.80", "85.60", "84.00"],
                      "90.59", 13)
    tw = ["Cục Thuế tỉnh", "Kho bạc Nhà nước tỉnh", "Bảo hiểm xã hội tỉnh",
          "Công an tỉnh", "Cục Hải quan Hà Tĩnh", "Cục Thống kê tỉnh"]
    tw_idx = mean_fix(["95.60", "95.02", "94.50", "94.11", "93.70", "93.00"], "94.38", 6)
    h = head("2023", "2024-02-22", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "",
             "Hà Tĩnh", "Nguyễn Hồng Lĩnh")
    h = h.replace("    <parent></parent>\n", "")
    h = h.replace('capacity="KT. CHỦ TỊCH"', 'capacity="KT. CHỦ TỊCH"')
    parts = [h.replace("<units>\n", "<units>\n")]
    for bid, bname, names, idx in (("so-nganh", "Các sở, ban, ngành", so, so_idx),
                                   ("huyen", "UBND cấp huyện", hu, hu_idx),
                                   ("trung-uong", "Cơ quan Trung ương đóng trên địa bàn tỉnh", tw, tw_idx)):
        parts.append('    <block id="%s" name="%s">\n' % (bid, bname))
        for i, (n, v) in enumerate(zip(names, idx), 1):
            parts.append(unit("%s-%02d" % (bid, i), n, v, rnd) + "\n")
        parts.append("    </block>\n")
    parts.append("  </units>\n</appraisal>\n")
    return "".join(parts)


def ha_tinh_kinds():
    """Hà Tĩnh 2023 written as a province's clerk writes it: the signer in
    the older form with an empty title, every unit with its kind, the
    districts by their bare names (the town and the district of Kỳ Anh
    read alike), departments and central agencies as "cơ quan"."""
    h = ha_tinh()
    h = h.replace("<!-- Hà Tĩnh, 2023: the 18 communes and towns.",
                  "<!-- Hà Tĩnh, 2023, with kinds and an older signer (title=\"\").")
    h = h.replace('title="PHÓ CHỦ TỊCH" name="Nguyễn Hồng Lĩnh"',
                  'title="" name="Nguyễn Hồng Lĩnh"')
    out = []
    for line in h.split("\n"):
        m = re.match(r'(\s*<unit id="([a-z-]+)-\d+") name="([^"]*)">$', line)
        if m:
            start, block, name = m.groups()
            if block == "huyen":
                kind, bare = re.match(r"UBND (thành phố|thị xã|huyện) (.*)", name).groups()
                line = '%s kind="%s" name="%s">' % (start, kind, bare)
            else:
                line = '%s kind="cơ quan" name="%s">' % (start, name)
        out.append(line)
    return "\n".join(out)


def kon_tum():
    rnd = random.Random(2022)
    names = [("kon-ray", "Kon Rẫy"), ("dak-ha", "Đăk Hà"), ("dak-to", "Đăk Tô"),
             ("ngoc-hoi", "Ngọc Hồi"), ("sa-thay", "Sa Thầy"),
             ("kon-plong", "Kon Plông"), ("dak-glei", "Đăk Glei"),
             ("tu-mo-rong", "Tu Mơ Rông"), ("ia-hdrai", "Ia H'Drai"),
             ("tp-kon-tum", "Thành phố Kon Tum")]
    # Kon Rẫy: 82.58 of an applicable 95.5 (1.5 + 1 + 2 not applicable)
    na = ("1.2.2", "1.2.1", "7.2.3")
    h = head("2022", "2023-03-20", "ỦY BAN NHÂN DÂN TỈNH KON TUM", "",
             "Kon Tum", "Nguyễn Ngọc Sâm", precision=3)
    h = h.replace("    <parent></parent>\n", "")
    parts = [h]
    idx = ["82.58", "85.90", "85.12", "84.60", "83.95", "83.20", "82.10", "81.44",
           "80.75", "84.05"]
    for (uid, n), v in zip(names, idx):
        parts.append(unit(uid, n, v, rnd, na=na if uid == "kon-ray" else (),
                          kind="huyện" if not uid.startswith("tp") else None) + "\n")
    parts.append("  </units>\n</appraisal>\n")
    return "".join(parts)


TIES = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- Equal indices: shared ranks, the next rank skipped, and Vietnamese
     alphabetical order among equals (An < Ân; Dương < Đông). -->
<appraisal format="1" year="2024" precision="2">
  <issuer><name>ỦY BAN NHÂN DÂN HUYỆN MẪU</name><symbol>UBND</symbol>
    <place>Mẫu Sơn</place><signer title="CHỦ TỊCH" name="Nguyễn Văn Mẫu"/></issuer>
  <announcement date="2025-03-10"/>
  <scheme max="100">
    <field id="1" name="Lĩnh vực 1"><criterion id="1.1" name="Tiêu chí 1" max="50"/></field>
    <field id="2" name="Lĩnh vực 2"><criterion id="2.1" name="Tiêu chí 2" max="50"/></field>
  </scheme>
  <tiers><tier min="90" label="Từ 90% trở lên"/><tier min="0" label="Dưới 90%"/></tiers>
  <ratings><rating id="tot" min="80" label="Tốt"/><rating id="ht" min="0" label="Hoàn thành"/></ratings>
  <units>
    <unit id="dong-hung" name="Đông Hưng"><score c="1.1" appraised="40"/><score c="2.1" appraised="40"/></unit>
    <unit id="an-thi" name="Ân Thi"><score c="1.1" appraised="45"/><score c="2.1" appraised="46"/></unit>
    <unit id="binh-minh" name="Bình Minh"><score c="1.1" appraised="42"/><score c="2.1" appraised="43"/></unit>
    <unit id="duong-quang" name="Dương Quang"><score c="1.1" appraised="40"/><score c="2.1" appraised="40"/></unit>
    <unit id="an-lao" name="An Lão"><score c="1.1" appraised="46"/><score c="2.1" appraised="45"/></unit>
    <unit id="ung-hoa" name="Ứng Hòa"><score c="1.1" appraised="30"/><score c="2.1" appraised="30"/></unit>
  </units>
</appraisal>
'''


if __name__ == "__main__":
    with open(os.path.join(FIX, "ha-tinh-2023.xml"), "w", encoding="utf-8") as f:
        f.write(ha_tinh())
    with open(os.path.join(FIX, "ha-tinh-2023-kinds.xml"), "w", encoding="utf-8") as f:
        f.write(ha_tinh_kinds())
    with open(os.path.join(FIX, "kon-ray-na.xml"), "w", encoding="utf-8") as f:
        f.write(kon_tum())
    with open(os.path.join(FIX, "ties.xml"), "w", encoding="utf-8") as f:
        f.write(TIES)
    small = open(os.path.join(FIX, "small.xml"), encoding="utf-8").read()
    small = small.replace('name="Bình Minh"', 'name="Đức Xương"').replace(
        "<!--", "<!--")
    with open(os.path.join(FIX, "nfd.xml"), "w", encoding="utf-8") as f:
        f.write(unicodedata.normalize("NFD", small))
