#!/usr/bin/env python3
"""Generate a national-size appraisal file for benchmarks (deterministic).

  gen-national.py --units 3400 --blocks 34 --leaves 60 > national.xml

Blocks stand for provinces, units for communes and wards; names repeat
across blocks (as they do in Vietnam), ids do not. Most units have a
previous year, some notes and a few criteria not applicable."""
import argparse
import random

SYL = ["An", "Bình", "Phú", "Tân", "Hòa", "Thành", "Long", "Phước", "Đông",
       "Tây", "Nam", "Bắc", "Trung", "Hưng", "Thịnh", "Lộc", "Quang", "Minh",
       "Đức", "Xuân", "Thạnh", "Hải", "Sơn", "Yên", "Gia", "Vĩnh", "Hiệp",
       "Thuận", "Lợi", "Tiến", "Nghĩa", "Hồng", "Kim", "Ngọc", "Cẩm", "Đại"]
PROV = ["Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Cần Thơ", "Thành phố Hồ Chí Minh",
        "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
        "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên",
        "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi",
        "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
        "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"]
NOTES = ["Chậm ban hành kế hoạch", "Báo cáo chưa đầy đủ", "Còn hồ sơ quá hạn",
         "Chưa có minh chứng", "Tỷ lệ trực tuyến thấp"]
FIELDS = ["Công tác chỉ đạo, điều hành cải cách hành chính", "Cải cách thể chế",
          "Cải cách thủ tục hành chính", "Cải cách tổ chức bộ máy hành chính nhà nước",
          "Cải cách chế độ công vụ", "Cải cách tài chính công",
          "Xây dựng và phát triển chính quyền điện tử, chính quyền số"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=3400)
    ap.add_argument("--blocks", type=int, default=34)
    ap.add_argument("--leaves", type=int, default=60)
    ap.add_argument("--year", type=int, default=2025)
    a = ap.parse_args()
    rnd = random.Random(a.units * 7 + a.blocks)
    # leaves: maxima in half points, summing to 100
    nl = a.leaves
    per_field = [nl // 7 + (1 if i < nl % 7 else 0) for i in range(7)]
    maxes = [1.0 + 0.5 * rnd.randint(0, 4) for _ in range(nl)]
    scale = 100.0 / sum(maxes)
    halves = [max(1, round(m * scale * 2)) for m in maxes]
    i = 0
    while sum(halves) != 200:        # every leaf keeps at least half a point
        k = i % nl
        if sum(halves) > 200 and halves[k] > 1:
            halves[k] -= 1
        elif sum(halves) < 200:
            halves[k] += 1
        i += 1
    maxes = [h / 2 for h in halves]
    out = []
    w = out.append
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w('<appraisal format="1" year="%d" precision="2">\n' % a.year)
    w('  <issuer><name>BỘ NỘI VỤ</name><symbol>BNV</symbol><place>Hà Nội</place>'
      '<email>vanphong@bnv.example.vn</email>'
      '<signer authority="KT. BỘ TRƯỞNG" title="THỨ TRƯỞNG" name="Nguyễn Văn A"/></issuer>\n')
    w('  <announcement date="%d-03-15"/>\n' % (a.year + 1))
    w('  <scheme title="Bộ tiêu chí Chỉ số cải cách hành chính cấp xã" max="100">\n')
    leaves = []
    k = 0
    for f in range(7):
        w('    <field id="%d" name="%s">\n' % (f + 1, FIELDS[f]))
        for j in range(per_field[f]):
            cid = "%d.%d" % (f + 1, j + 1)
            src = ' source="survey"' if j == 0 else ""
            w('      <criterion id="%s" name="Tiêu chí %s" max="%g"%s/>\n' % (cid, cid, maxes[k], src))
            leaves.append((cid, maxes[k], j == 0))
            k += 1
        w('    </field>\n')
    w('  </scheme>\n')
    w('  <tiers><tier min="90" label="Từ 90% trở lên"/><tier min="80" label="Từ 80% đến dưới 90%"/>'
      '<tier min="65" label="Từ 65% đến dưới 80%"/><tier min="0" label="Dưới 65%"/></tiers>\n')
    w('  <ratings><rating id="xuat-sac" min="90" field-min="70" label="Hoàn thành xuất sắc nhiệm vụ"/>'
      '<rating id="tot" min="80" field-min="70" label="Hoàn thành tốt nhiệm vụ"/>'
      '<rating id="hoan-thanh" min="65" label="Hoàn thành nhiệm vụ"/>'
      '<rating id="khong" min="0" label="Không hoàn thành nhiệm vụ"/></ratings>\n')
    w('  <flags><flag id="tthc" field="3" below="75" label="Cải cách thủ tục hành chính dưới 75%"/></flags>\n')
    w('  <units>\n')
    n_in = [a.units // a.blocks + (1 if b < a.units % a.blocks else 0) for b in range(a.blocks)]
    for b in range(a.blocks):
        pname = PROV[b % len(PROV)] + ("" if b < len(PROV) else " %d" % (b // len(PROV) + 1))
        w('    <block id="p%02d" name="%s">\n' % (b + 1, pname))
        for u in range(n_in[b]):
            name = "%s %s" % (rnd.choice(SYL), rnd.choice(SYL))
            uid = "p%02d-%03d" % (b + 1, u + 1)
            w('      <unit id="%s" kind="xã" name="%s" head="Nguyễn Văn %s" email="%s@example.vn">\n'
              % (uid, name, rnd.choice(SYL), uid))
            if rnd.random() < 0.9:
                w('        <previous rank="%d" index="%.2f"/>\n' % (rnd.randint(1, n_in[b]), rnd.uniform(60, 95)))
            level = rnd.uniform(0.6, 0.97)
            for cid, mx, survey in leaves:
                if rnd.random() < 0.01:
                    w('        <score c="%s" na="true"/>\n' % cid)
                    continue
                v = min(mx, max(0.0, mx * (level + rnd.uniform(-0.15, 0.15))))
                if survey:
                    w('        <score c="%s" appraised="%.2f"/>\n' % (cid, v))
                else:
                    v = round(v * 4) / 4
                    s = min(mx, v + (0.25 if rnd.random() < 0.3 else 0))
                    note = ' note="%s"' % rnd.choice(NOTES) if s > v else ""
                    w('        <score c="%s" self="%g" appraised="%g"%s/>\n' % (cid, s, v, note))
            w('      </unit>\n')
        w('    </block>\n')
    w('  </units>\n')
    w('  <awards><auto form="giay-khen" top="3" rating="tot"/></awards>\n')
    w('</appraisal>\n')
    import sys
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
