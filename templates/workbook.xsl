<?xml version="1.0" encoding="UTF-8"?>
<!--
  workbook.xsl: the consolidated score workbook kept by the issuing body.
  Sheets: "Điểm tiêu chí" (every unit x every criterion: its appraised
  and self-assessed points side by side), one ranking sheet per block whose totals and
  indices are formulas over the criteria sheet (each with its computed
  value), "Lĩnh vực" (every field's percentage, cells under the rating's
  field minimum highlighted), and a bar chart of the indices.
  Input: the results XML (no scores needed: the rows of units are bound
  rows, filled by the renderer from the scored data). Output: workbook.xsd.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:import href="sheet-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="r" select="/results"/>
  <xsl:variable name="year" select="$r/@year"/>
  <xsl:variable name="leaves" select="$r/scheme/*[@leaf = 'true']"/>
  <xsl:variable name="L" select="count($leaves)"/>
  <xsl:variable name="units" select="$r/block/unit"/>
  <xsl:variable name="first" select="5"/>  <!-- first unit row (0-based) on the criteria sheet -->
  <xsl:variable name="P" select="$r/@previous-scores = 'true'"/>  <!-- last year's criterion scores known -->
  <xsl:variable name="py" select="$r/@previous-year"/>
  <xsl:variable name="cs">'Điểm tiêu chí'</xsl:variable>
  <!-- columns a criterion has on the criteria sheet, side by side:
       appraised, self-assessed (and the change against last year) -->
  <xsl:variable name="G" select="2 + number($P)"/>
  <xsl:variable name="fieldmin" select="$r/ratings/rating[@field-min][1]/@field-min"/>

  <xsl:template match="/">
    <workbook title="Bảng tổng hợp Chỉ số cải cách hành chính năm {$year}"
              subject="Chỉ số cải cách hành chính năm {$year}" author="{$r/issuer/@name}"
              company="{$r/issuer/@name}">
      <xsl:call-template name="formats"/>
      <!-- the criteria sheet prints across pages with its first four
           columns repeated: its title sits in them (so every page has it,
           whole) and its group headings start at the left -->
      <format id="title-left" bold="true" size="13" align="left" valign="center" wrap="true"/>
      <format id="head-left" bold="true" size="11" align="left" valign="center" border="true" bg="#DDEBF7" indent="1"/>
      <format id="group" bold="true" size="9" align="center" valign="center" border="true" bg="#DDEBF7" wrap="true"/>
      <format id="name-up" size="9" align="center" valign="top" border="true" bg="#DDEBF7" wrap="true"/>
      <format id="chg" size="11" border="true" num-format="+0.00;-0.00;0" valign="center"/>
      <xsl:call-template name="criteria-sheet"/>
      <xsl:for-each select="$r/block">
        <xsl:call-template name="ranking-sheet"/>
      </xsl:for-each>
      <xsl:call-template name="field-sheet"/>
    </workbook>
  </xsl:template>

  <xsl:template name="criteria-sheet">
    <!-- too wide for one page: printed across pages at full size, the
         unit's columns and the four heading rows repeated on each. Each
         criterion's columns stand side by side under its name (appraised,
         self-assessed, and with last year's file the change against last
         year's final score), a page starting only at a criterion's first
         column, so that its figures print on one page; every column says
         its group and the criterion's id, so that a printed page read
         alone says what each figure is. Last year's scores themselves are
         in each unit's score sheet. -->
    <!-- criteria a printed page holds beside the unit's columns (landscape
         A4 as LibreOffice prints it: 8 columns of 8 beside them, 6 with
         the Khối column) -->
    <xsl:variable name="per">
      <xsl:choose>
        <xsl:when test="count($r/block) = 1"><xsl:value-of select="floor(8 div $G)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="floor(6 div $G)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <sheet name="Điểm tiêu chí" landscape="true" repeat-rows="1-4" repeat-cols="0-3"
           freeze-rows="5" freeze-cols="4" autofilter="A3:{pp:cell(2, 3 + $G * $L)}"
           header="&amp;L&amp;8{$r/issuer/@name}" footer="&amp;C&amp;8Trang &amp;P/&amp;N" protect="true">
      <xsl:attribute name="col-breaks">
        <xsl:for-each select="$leaves">
          <xsl:if test="position() &gt; 1 and (position() - 1) mod $per = 0">
            <xsl:value-of select="concat(4 + (position() - 1) * $G, ' ')"/>
          </xsl:if>
        </xsl:for-each>
      </xsl:attribute>
      <col first="0" last="0" width="6"/>
      <col first="1" last="1" width="18">
        <!-- one block: no "Khối" to show; 18 wide: "Các sở, ban, ngành"
             on one line in Excel -->
        <xsl:if test="count($r/block) = 1"><xsl:attribute name="hidden">true</xsl:attribute></xsl:if>
      </col>
      <col first="2" last="2" width="14"/>
      <col first="3" last="3" width="22"/>
      <xsl:for-each select="$leaves">
        <xsl:variable name="a" select="4 + (position() - 1) * $G"/>
        <col first="{$a}" last="{$a + 1}" width="8" format="pts"/>
        <xsl:if test="$P"><col first="{$a + 2}" last="{$a + 2}" width="8" format="chg"/></xsl:if>
      </xsl:for-each>
      <row r="0" height="36"/>
      <merge range="A1:D1" format="title-left">ĐIỂM TỪNG TIÊU CHÍ - CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></merge>
      <merge range="E1:{pp:cell(0, 3 + $G * $L)}" format="title-left"/>  <!-- no column borders above the headings -->
      <!-- the group of every column, in its own cell: printed on every page -->
      <row r="1" height="26">
        <c c="0" t="blank" f="head"/><c c="1" t="blank" f="head"/><c c="2" t="blank" f="head"/>
        <c c="3" t="s" f="head">Nhóm điểm</c>
        <xsl:for-each select="$leaves">
          <xsl:variable name="a" select="4 + (position() - 1) * $G"/>
          <c c="{$a}" t="s" f="group">Thẩm định</c>
          <c c="{$a + 1}" t="s" f="group">Tự đánh giá</c>
          <xsl:if test="$P"><c c="{$a + 2}" t="s" f="group">So với năm <xsl:value-of select="$py"/></c></xsl:if>
        </xsl:for-each>
      </row>
      <row r="2" height="18">
        <c c="0" t="s" f="head">STT</c><c c="1" t="s" f="head">Khối</c>
        <c c="2" t="s" f="head">Mã đơn vị</c><c c="3" t="s" f="head">Đơn vị</c>
        <xsl:for-each select="$leaves">
          <xsl:variable name="a" select="4 + (position() - 1) * $G"/>
          <xsl:variable name="id" select="@id"/>
          <c c="{$a}" t="s" f="head"><xsl:value-of select="$id"/></c>
          <c c="{$a + 1}" t="s" f="head"><xsl:value-of select="$id"/></c>
          <xsl:if test="$P"><c c="{$a + 2}" t="s" f="head"><xsl:value-of select="$id"/></c></xsl:if>
        </xsl:for-each>
      </row>
      <!-- the criterion's name, across its columns at 9 pt (turned upwards
           it printed at about 7 pt), the row as high as the longest name
           wraps to across G columns of 8 (about 12 letters a line each) -->
      <xsl:variable name="longest">
        <xsl:for-each select="$leaves"><xsl:sort select="string-length(@name)" data-type="number" order="descending"/><xsl:if test="position() = 1"><xsl:value-of select="string-length(@name)"/></xsl:if></xsl:for-each>
      </xsl:variable>
      <row r="3" height="{12 * (ceiling($longest div (12 * $G)) + 1)}">
        <c c="0" t="blank" f="head"/><c c="1" t="blank" f="head"/><c c="2" t="blank" f="head"/>
        <c c="3" t="s" f="head">Tiêu chí</c>
      </row>
      <xsl:for-each select="$leaves">
        <xsl:variable name="a" select="4 + (position() - 1) * $G"/>
        <merge range="{pp:cell(3, $a)}:{pp:cell(3, $a + $G - 1)}" format="name-up"><xsl:value-of select="@name"/></merge>
      </xsl:for-each>
      <!-- the maxima: numbers straight from the scheme's thousandths (one
           record of source "scheme", fields max:C) -->
      <rows source="scheme" first="4">
        <c c="0" t="blank" f="head"/><c c="1" t="blank" f="head"/><c c="2" t="blank" f="head"/>
        <c c="3" t="s" f="head">Điểm tối đa</c>
        <xsl:for-each select="$leaves">
          <xsl:variable name="a" select="4 + (position() - 1) * $G"/>
          <c c="{$a}" t="n" f="pts-b" field="max:{@id}"/>
          <c c="{$a + 1}" t="n" f="pts-b" field="max:{@id}"/>
          <xsl:if test="$P"><c c="{$a + 2}" t="blank" f="pts-b"/></xsl:if>
        </xsl:for-each>
      </rows>
      <!-- one row per unit, block by block in rank order (source "units") -->
      <rows source="units" first="{$first}" fit-height="true">
        <c c="0" t="n" f="int" field="seq"/>
        <c c="1" t="s" f="text" field="block-name"/>
        <c c="2" t="s" f="text" field="id"/>
        <c c="3" t="s" f="text" field="label" capital="true"/>
        <xsl:for-each select="$leaves">
          <xsl:variable name="a" select="4 + (position() - 1) * $G"/>
          <c c="{$a}" field="final:{@id}" unless="na:{@id}"/>
          <!-- self-assessed: the unit's own points, else (it gave none)
               the final ones, as the self-assessed total counts them -->
          <c c="{$a + 1}" field="self:{@id}" if="self:{@id}"/>
          <c c="{$a + 1}" field="final:{@id}" unless="na:{@id} self:{@id}"/>
          <xsl:if test="$P">
            <!-- the change of the final score against last year's, by
                 criterion id; "mới" for a criterion new this year -->
            <c c="{$a + 2}" field="change:{@id}" unless="new:{@id}"/>
            <c c="{$a + 2}" t="s" f="center" v="mới" if="new:{@id}"/>
          </xsl:if>
        </xsl:for-each>
      </rows>
    </sheet>
  </xsl:template>

  <xsl:template name="sheet-name">
    <xsl:choose>
      <xsl:when test="count($r/block) = 1">Xếp hạng</xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="short-sheet-name"><xsl:with-param name="s" select="concat('XH', position(), ' ', @name)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A sheet's name within Excel's 31 characters, cut at a word ("XH3
       Cơ quan Trung ương đóng", not "… đóng trê"); the block's number
       in front keeps the names unique. -->
  <xsl:template name="short-sheet-name">
    <xsl:param name="s"/>
    <xsl:variable name="t" select="normalize-space(translate($s, '[]:*?/\', '       '))"/>
    <xsl:choose>
      <xsl:when test="string-length($t) &lt;= 31"><xsl:value-of select="$t"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="cut"><xsl:call-template name="upto-last-space"><xsl:with-param name="s" select="substring($t, 1, 32)"/></xsl:call-template></xsl:variable>
        <!-- no comma or dash left hanging at the end -->
        <xsl:variable name="c" select="normalize-space($cut)"/>
        <xsl:choose>
          <xsl:when test="substring($c, string-length($c)) = ',' or substring($c, string-length($c)) = '-'"><xsl:value-of select="normalize-space(substring($c, 1, string-length($c) - 1))"/></xsl:when>
          <xsl:when test="$c != ''"><xsl:value-of select="$c"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="substring($t, 1, 31)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- s up to its last space (words whole), or '' without a space -->
  <xsl:template name="upto-last-space">
    <xsl:param name="s"/>
    <xsl:if test="contains($s, ' ')">
      <xsl:value-of select="substring-before($s, ' ')"/>
      <xsl:variable name="rest" select="substring-after($s, ' ')"/>
      <xsl:if test="contains($rest, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="upto-last-space"><xsl:with-param name="s" select="$rest"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ranking-sheet">
    <xsl:variable name="b" select="."/>
    <xsl:variable name="name"><xsl:call-template name="sheet-name"/></xsl:variable>
    <xsl:variable name="n" select="count(unit)"/>
    <!-- last year's rank and the change only with last year's file:
         without it no unit is "mới" (new), there is nothing to compare -->
    <xsl:variable name="prevcol" select="$r/@previous-year or unit/@previous-rank"/>
    <xsl:variable name="Z"><xsl:choose><xsl:when test="$prevcol">I</xsl:when><xsl:otherwise>G</xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:variable name="lastA" select="pp:cell(0, 3 + $G * $L)"/>
    <sheet name="{$name}" landscape="true" fit-width="true" repeat-rows="2-2"
           freeze-rows="3" freeze-cols="2" autofilter="A3:{$Z}{3 + $n}"
           header="&amp;L&amp;8{$r/issuer/@name}&amp;R&amp;8{$b/@name}" footer="&amp;C&amp;8Trang &amp;P/&amp;N" protect="true">
      <col first="0" last="0" width="7"/>
      <col first="1" last="1" width="28"/>
      <col first="2" last="4" width="11"/>
      <col first="5" last="6" width="26"/>
      <xsl:if test="$prevcol"><col first="7" last="8" width="11"/></xsl:if>
      <merge range="A1:{$Z}1" format="title">XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/><xsl:if test="@name != ''"> - <xsl:value-of select="pp:upper(@name)"/></xsl:if></merge>
      <merge range="A2:{$Z}2" format="subtitle"><xsl:value-of select="concat('Số đơn vị: ', pp:money($n), '; chỉ số trung bình: ', @mean-text, '%; cao nhất: ', @highest-text, '%; thấp nhất: ', @lowest-text, '%')"/></merge>
      <row r="2" height="30">
        <c c="0" t="s" f="head">Hạng</c><c c="1" t="s" f="head">Đơn vị</c>
        <c c="2" t="s" f="head">Điểm đạt</c><c c="3" t="s" f="head">Điểm tối đa</c>
        <c c="4" t="s" f="head">Chỉ số (%)</c><c c="5" t="s" f="head">Nhóm</c>
        <c c="6" t="s" f="head">Xếp loại người đứng đầu</c>
        <xsl:if test="$prevcol"><c c="7" t="s" f="head">Hạng năm trước</c><c c="8" t="s" f="head">Thay đổi</c></xsl:if>
      </row>
      <!-- the criteria sheet lists the blocks in order, units in rank
           order: a unit's row there is 4 + its place in the file (seq) -->
      <xsl:variable name="lastcol" select="substring-before(concat(translate($lastA, '0123456789', '          '), ' '), ' ')"/>
      <xsl:variable name="maxr" select="concat($cs, '!$E$', $first, ':$', $lastcol, '$', $first)"/>
      <xsl:variable name="grp" select="concat($cs, '!$E$2:$', $lastcol, '$2')"/>
      <!-- rank, tier and rating are formulas too, so that a corrected
           score moves them: RANK over the indices, LOOKUP against the
           tiers listed under the ranking (column C the threshold, B the
           tier, lowest first), the ratings' rules on the index and on the
           unit's fields (sheet "Lĩnh vực", its row 3 + seq) -->
      <xsl:variable name="T" select="count($r/tiers/tier)"/>
      <xsl:variable name="t0" select="6 + $n"/>
      <xsl:variable name="tiers" select="concat('$C$', $t0, ':$C$', $t0 + $T - 1, ',$B$', $t0, ':$B$', $t0 + $T - 1)"/>
      <xsl:variable name="F" select="count($r/scheme/field)"/>
      <xsl:variable name="fl" select="substring-before(concat(translate(pp:cell(0, 2 + $F), '0123456789', '          '), ' '), ' ')"/>
      <rows source="block" key="{@id}" first="3" fit-height="true">
        <c c="0" t="f" f="int" field="rank">RANK(E<field name="row"/>,$E$4:$E$<xsl:value-of select="3 + $n"/>,0)</c>
        <c c="1" t="s" f="text" field="label" capital="true"/>
        <!-- the appraised columns: those under "Thẩm định" (row 2) -->
        <c c="2" t="f" f="pts" field="achieved">SUMIF(<xsl:value-of select="$grp"/>,"Thẩm định",<xsl:value-of select="$cs"/>!E<field name="seq" add="{$first}"/>:<xsl:value-of select="$lastcol"/><field name="seq" add="{$first}"/>)</c>
        <c c="3" t="f" f="pts" field="max">SUMPRODUCT(--(<xsl:value-of select="$grp"/>="Thẩm định"),<xsl:value-of select="$maxr"/>,--(<xsl:value-of select="$cs"/>!E<field name="seq" add="{$first}"/>:<xsl:value-of select="$lastcol"/><field name="seq" add="{$first}"/>&lt;&gt;""))</c>
        <c c="4" t="f" f="pct-b" field="index">ROUND(100*C<field name="row"/>/D<field name="row"/>,<xsl:value-of select="$prec"/>)</c>
        <c c="5" t="fs" f="text" field="tier-label">LOOKUP(E<field name="row"/>,<xsl:value-of select="$tiers"/>)</c>
        <c c="6" t="fs" f="text" field="rating-label">
          <xsl:for-each select="$r/ratings/rating[position() &lt; last()]">
            <xsl:text>IF(AND(E</xsl:text><field name="row"/><xsl:value-of select="concat('&gt;=', @min)"/>
            <xsl:if test="@field-min">
              <xsl:text>,MIN('Lĩnh vực'!D</xsl:text><field name="seq" add="3"/><xsl:value-of select="concat(':', $fl)"/><field name="seq" add="3"/><xsl:value-of select="concat(')&gt;=', @field-min)"/>
            </xsl:if>
            <xsl:value-of select="concat('),&quot;', @label, '&quot;,')"/>
          </xsl:for-each>
          <xsl:value-of select="concat('&quot;', $r/ratings/rating[last()]/@label, '&quot;')"/>
          <xsl:for-each select="$r/ratings/rating[position() &lt; last()]">)</xsl:for-each>
        </c>
        <xsl:if test="$prevcol">
          <c c="7" t="n" f="int" field="previous-rank" if="previous-rank"/>
          <c c="8" t="f" f="delta" field="delta" if="previous-rank">H<field name="row"/>-A<field name="row"/></c>
          <c c="7" t="blank" f="int" unless="previous-rank"/>
          <c c="8" t="s" f="center" v="mới" unless="previous-rank"/>
        </xsl:if>
      </rows>
      <!-- the tiers the Nhóm column looks up, lowest first -->
      <row r="{$t0 - 2}">
        <c c="1" t="s" f="head">Nhóm</c><c c="2" t="s" f="head">Từ (%)</c>
      </row>
      <xsl:for-each select="$r/tiers/tier">
        <xsl:sort select="@min" data-type="number" order="ascending"/>
        <row r="{$t0 + position() - 2}">
          <c c="1" t="s" f="text"><xsl:value-of select="@label"/></c>
          <c c="2" t="n" f="pct" v="{@min}"/>
        </row>
      </xsl:for-each>
    </sheet>
    <!-- the chart on a sheet of its own, so that the ranking prints at a
         readable scale: portrait, as wide as the page -->
    <xsl:variable name="cname">
      <xsl:choose>
        <xsl:when test="count($r/block) = 1">Biểu đồ</xsl:when>
        <xsl:otherwise><xsl:call-template name="short-sheet-name"><xsl:with-param name="s" select="concat('BĐ', position(), ' ', @name)"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="ctitle">
      <xsl:value-of select="concat('Chỉ số cải cách hành chính năm ', $year, ' (%)')"/>
      <xsl:if test="$b/@name != ''"><xsl:value-of select="concat(' - ', $b/@name)"/></xsl:if>
    </xsl:variable>
    <sheet name="{$cname}" fit-width="true"
           header="&amp;L&amp;8{$r/issuer/@name}&amp;R&amp;8{$b/@name}" footer="&amp;C&amp;8Trang &amp;P/&amp;N">
      <chart type="bar" row="0" col="0" title="{$ctitle}"
             name="Chỉ số (%)" categories="='{$name}'!$B$4:$B${3 + $n}"
             values="='{$name}'!$E$4:$E${3 + $n}" x-scale="1.4" y-scale="{1 + $n div 12}"
             min="0" max="100">
        <!-- from 0 as in the report; gridlines on the tiers' thresholds:
             every 10 when they all are tens, else every 5 -->
        <xsl:attribute name="major">
          <xsl:choose>
            <xsl:when test="$r/tiers/tier[@min mod 10 != 0]">5</xsl:when>
            <xsl:otherwise>10</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </chart>
    </sheet>
  </xsl:template>

  <xsl:template name="field-sheet">
    <xsl:variable name="F" select="count($r/scheme/field)"/>
    <sheet name="Lĩnh vực" landscape="true" fit-width="true" repeat-rows="2-2"
           freeze-rows="3" freeze-cols="3" autofilter="A3:{pp:cell(2, 2 + $F)}"
           header="&amp;L&amp;8{$r/issuer/@name}" footer="&amp;C&amp;8Trang &amp;P/&amp;N" protect="true">
      <col first="0" last="0" width="16">
        <xsl:if test="count($r/block) = 1"><xsl:attribute name="hidden">true</xsl:attribute></xsl:if>
      </col>
      <col first="1" last="1" width="26"/>
      <col first="2" last="2" width="10"/>
      <col first="3" last="{2 + $F}" width="14"/>
      <merge range="A1:{pp:cell(0, 2 + $F)}" format="title">TỶ LỆ ĐIỂM ĐẠT THEO LĨNH VỰC (%) - NĂM <xsl:value-of select="$year"/></merge>
      <merge range="A2:{pp:cell(1, 2 + $F)}" format="subtitle">Ô được tô màu: lĩnh vực đạt dưới <xsl:value-of select="$r/ratings/rating[@field-min][1]/@field-min-text"/>% số điểm tối đa</merge>
      <row r="2" height="80">
        <c c="0" t="s" f="head">Khối</c><c c="1" t="s" f="head">Đơn vị</c><c c="2" t="s" f="head">Chỉ số (%)</c>
        <xsl:for-each select="$r/scheme/field">
          <c c="{2 + position()}" t="s" f="head"><xsl:value-of select="concat(@id, '. ', @name, ' (', @max-text, ' điểm)')"/></c>
        </xsl:for-each>
      </row>
      <rows source="units" first="3" fit-height="true">
        <c c="0" t="s" f="text" field="block-name"/>
        <c c="1" t="s" f="text" field="label" capital="true"/>
        <c c="2" t="n" f="pct-b" field="index"/>
        <xsl:for-each select="$r/scheme/field">
          <c c="{2 + position()}" t="n" f="pct" field="pct:{@id}"/>
        </xsl:for-each>
      </rows>
      <xsl:if test="$fieldmin">
        <cond range="D4:{pp:cell(2 + count($units), 2 + $F)}" type="cell" criteria="&lt;" value="{$fieldmin}" format="warn"/>
      </xsl:if>
    </sheet>
  </xsl:template>
</xsl:stylesheet>
