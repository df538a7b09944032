# lo-recalc.sh XLSX OUTDIR: every sheet of XLSX as CSV, twice: as stored
# (cached values) and recalculated by LibreOffice on load (a private
# profile with OOXMLRecalcMode = always). Files: OUTDIR/cached-*.csv and
# OUTDIR/recalc-*.csv. Exit 77 when LibreOffice is missing.
set -e
X=$1; OUT=$2
command -v soffice >/dev/null 2>&1 || exit 77
mkdir -p "$OUT/p-recalc/user" "$OUT/p-cached/user"
prof() { # $1 dir, $2 mode (0 always, 1 never)
cat > "$1/user/registrymodifications.xcu" <<XCU
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>$2</value></prop></item>
</oor:items>
XCU
}
prof "$OUT/p-recalc" 0
prof "$OUT/p-cached" 1
for mode in recalc cached; do
    mkdir -p "$OUT/$mode"
    # 44 = comma, 34 = quote, 76 = UTF-8, -1 = every sheet
    soffice -env:UserInstallation=file://$OUT/p-$mode --headless --norestore \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$OUT/$mode" "$X" > /dev/null 2>&1
done
