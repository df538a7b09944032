<?xml version="1.0" encoding="UTF-8"?>
<!--
  unit-workbook.xsl: one unit's own score sheet, sent to it: every
  criterion with its maximum, the unit's self-assessed and appraised
  points and the appraisers' notes; subtotals and the index as formulas
  (with their computed values); then the public ranking of its block.
  It holds no other unit's criterion scores.
  Input: one unit's results (results/@unit). Output: workbook.xsd.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:import href="sheet-common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="r" select="/results"/>
  <xsl:variable name="b" select="$r/block"/>
  <xsl:variable name="u" select="$b/unit"/>
  <xsl:variable name="year" select="$r/@year"/>
  <xsl:variable name="crit" select="$r/scheme/*"/>
  <xsl:variable name="first" select="4"/>                        <!-- row of criterion n=1 -->
  <xsl:variable name="end" select="$first + count($crit) - 1"/>   <!-- last criterion row -->
  <xsl:variable name="tot" select="$end + 1"/>
  <!-- with last year's file (option previous): two more columns after the
       appraised points, last year's final score and the change, matched
       by criterion id; the note and the hidden marker column move right -->
  <xsl:variable name="P" select="$r/@previous-scores = 'true'"/>
  <xsl:variable name="py" select="$r/@previous-year"/>
  <xsl:variable name="cn" select="5 + 2 * number($P)"/>   <!-- the note -->
  <xsl:variable name="ck" select="$cn + 1"/>              <!-- the marker: x = applicable -->
  <xsl:variable name="K" select="translate(pp:cell(0, $ck), '0123456789', '')"/>
  <xsl:variable name="N" select="translate(pp:cell(0, $cn), '0123456789', '')"/>
  <xsl:template match="/">
    <xsl:variable name="title"><xsl:call-template name="unit-title"><xsl:with-param name="u" select="$u"/></xsl:call-template></xsl:variable>
    <workbook title="Bảng điểm Chỉ số cải cách hành chính năm {$year} - {$title}"
              subject="Chỉ số cải cách hành chính năm {$year}" author="{$r/issuer/@name}"
              company="{$r/issuer/@name}">
      <xsl:call-template name="formats"/>
      <!-- a change of points in words: "tăng 0,25", "giảm 0,50", "không đổi" -->
      <format id="chg" size="11" border="true" align="center" valign="center" num-format="&quot;tăng &quot;0.00;&quot;giảm &quot;0.00;&quot;không đổi&quot;"/>
      <format id="chg-b" size="11" border="true" bold="true" align="center" valign="center" num-format="&quot;tăng &quot;0.00;&quot;giảm &quot;0.00;&quot;không đổi&quot;"/>
      <format id="prev-note" size="11" border="true" italic="true" align="center" valign="center" wrap="true"/>
      <sheet name="Bảng điểm" landscape="true" fit-width="true" repeat-rows="3-3" freeze-rows="4" freeze-cols="2"
             header="&amp;L&amp;8{$r/issuer/@name}&amp;R&amp;8{$title}"
             footer="&amp;C&amp;8Trang &amp;P/&amp;N" protect="true">
        <col first="0" last="0" width="8" format="center"/>
        <col first="1" last="1" width="56" format="text"/>
        <col first="2" last="4" width="11" format="pts"/>
        <xsl:if test="$P">
          <col first="5" last="5" width="11" format="pts"/>
          <col first="6" last="6" width="13" format="chg"/>
        </xsl:if>
        <col first="{$cn}" last="{$cn}" width="36" format="text"/>
        <col first="{$ck}" last="{$ck}" width="5" hidden="true" format="text"/>
        <!-- the title rows as high as their type (14 and 12 pt), each
             set just before its merge: rows are written out in order, a
             row left behind takes no more cells -->
        <row r="0" height="21"/>
        <merge range="A1:{$N}1" format="title">BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></merge>
        <row r="1" height="21"/>
        <merge range="A2:{$N}2" format="title"><xsl:value-of select="$title"/></merge>
        <row r="2" height="18"/>
        <merge range="A3:{$N}3" format="subtitle"><xsl:call-template name="scheme-title"><xsl:with-param name="s" select="$r/scheme"/></xsl:call-template><xsl:value-of select="concat(' - ', pp:proper($r/issuer/@name, $r/issuer/@place))"/></merge>
        <row r="3" height="32">
          <xsl:if test="$P"><xsl:attribute name="height">46</xsl:attribute></xsl:if>
          <c c="0" t="s" f="head">Mã</c>
          <c c="1" t="s" f="head">Tiêu chí, tiêu chí thành phần</c>
          <c c="2" t="s" f="head">Điểm tối đa</c>
          <c c="3" t="s" f="head">Tự đánh giá</c>
          <c c="4" t="s" f="head">Thẩm định</c>
          <xsl:if test="$P">
            <c c="5" t="s" f="head">Điểm năm <xsl:value-of select="$py"/></c>
            <c c="6" t="s" f="head">Tăng, giảm so với năm <xsl:value-of select="$py"/></c>
          </xsl:if>
          <c c="{$cn}" t="s" f="head">Ghi chú của Hội đồng thẩm định</c>
          <c c="{$ck}" t="s" f="head">Loại</c>
        </row>
        <!-- one row per criterion of the scheme, filled from the unit's
             scores (source "criteria", fields in docs/workbook.md) -->
        <rows source="criteria" key="{$u/@id}" first="{$first}" fit-height="true">
          <!-- a criterion with points: maximum, the unit's scores, the note -->
          <c c="0" t="s" field="id" if="leaf"/>
          <c c="1" t="s" field="name" if="leaf" unless="source=survey"/>
          <c c="1" t="s" if="leaf source=survey"><field name="name"/> (điều tra xã hội học)</c>
          <c c="2" t="n" field="max" if="leaf"/>
          <!-- self-assessed: the unit's own points, else (it gave none)
               the final ones, as the self-assessed total counts them -->
          <c c="3" t="n" field="self" if="leaf self"/>
          <c c="3" t="n" field="final" if="leaf" unless="na self"/>
          <c c="4" t="n" field="final" if="leaf" unless="na"/>
          <xsl:if test="$P">
            <!-- last year: the score, or why there is none; the change as
                 a formula over the two columns -->
            <c c="5" t="n" field="previous" if="leaf previous"/>
            <c c="5" t="s" f="prev-note" v="Tiêu chí mới" if="leaf new"/>
            <c c="5" t="s" f="prev-note" v="Không áp dụng" if="leaf previous-na"/>
            <c c="6" t="f" f="chg" field="change" if="leaf change">E<field name="row"/>-F<field name="row"/></c>
            <c c="6" t="blank" f="chg" if="leaf" unless="change"/>
          </xsl:if>
          <c c="{$cn}" t="s" field="note" if="leaf note" unless="na"/>
          <c c="{$ck}" t="s" v="x" if="leaf" unless="na"/>
          <c c="{$cn}" t="s" v="Không áp dụng đối với đơn vị" if="leaf na"/>
          <c c="{$ck}" t="s" v="na" if="leaf na"/>
          <!-- a field or a criterion with sub-criteria: subtotals as formulas
               over the rows below it (G marks the applicable ones) -->
          <c c="0" t="s" f="text-b" field="id" unless="leaf"/>
          <c c="1" t="s" f="text-b" field="name" unless="leaf"/>
          <c c="2" t="n" f="pts-b" field="max" if="depth=0" unless="leaf"/>
          <c c="2" t="n" f="pts" field="max" unless="leaf depth=0"/>
          <c c="3" t="f" f="pts-b" field="self" if="depth=0" unless="leaf">SUMIF(<xsl:value-of select="$K"/><field name="row" add="1"/>:<xsl:value-of select="$K"/><field name="row" plus="descendants"/>,"x",D<field name="row" add="1"/>:D<field name="row" plus="descendants"/>)</c>
          <c c="3" t="f" f="pts" field="self" unless="leaf depth=0">SUMIF(<xsl:value-of select="$K"/><field name="row" add="1"/>:<xsl:value-of select="$K"/><field name="row" plus="descendants"/>,"x",D<field name="row" add="1"/>:D<field name="row" plus="descendants"/>)</c>
          <c c="4" t="f" f="pts-b" field="final" if="depth=0" unless="leaf">SUMIF(<xsl:value-of select="$K"/><field name="row" add="1"/>:<xsl:value-of select="$K"/><field name="row" plus="descendants"/>,"x",E<field name="row" add="1"/>:E<field name="row" plus="descendants"/>)</c>
          <c c="4" t="f" f="pts" field="final" unless="leaf depth=0">SUMIF(<xsl:value-of select="$K"/><field name="row" add="1"/>:<xsl:value-of select="$K"/><field name="row" plus="descendants"/>,"x",E<field name="row" add="1"/>:E<field name="row" plus="descendants"/>)</c>
          <xsl:if test="$P">
            <c c="5" t="n" f="pts-b" field="previous" if="depth=0 previous" unless="leaf"/>
            <c c="5" t="n" f="pts" field="previous" if="previous" unless="leaf depth=0"/>
            <c c="5" t="s" f="prev-note" v="Mới" if="new" unless="leaf"/>
            <c c="5" t="blank" f="pts" unless="leaf previous new"/>
            <c c="6" t="f" f="chg-b" field="change" if="depth=0 change" unless="leaf">E<field name="row"/>-F<field name="row"/></c>
            <c c="6" t="f" f="chg" field="change" if="change" unless="leaf depth=0">E<field name="row"/>-F<field name="row"/></c>
            <c c="6" t="blank" f="chg" unless="leaf change"/>
          </xsl:if>
          <c c="{$cn}" t="blank" f="text" unless="leaf"/>
          <c c="{$ck}" t="blank" f="text" unless="leaf"/>
        </rows>
        <xsl:variable name="A" select="$first + 1"/>
        <xsl:variable name="Z" select="$end + 1"/>
        <row r="{$tot}">
          <c c="0" t="blank" f="text-b"/>
          <c c="1" t="s" f="text-b">Tổng điểm (các tiêu chí áp dụng đối với đơn vị)</c>
          <c c="2" t="f" f="pts-b" v="{$u/@max}">SUMIF(<xsl:value-of select="concat($K, $A, ':', $K, $Z)"/>,"x",C<xsl:value-of select="$A"/>:C<xsl:value-of select="$Z"/>)</c>
          <c c="3" t="f" f="pts-b" v="{$u/@self}">SUMIF(<xsl:value-of select="concat($K, $A, ':', $K, $Z)"/>,"x",D<xsl:value-of select="$A"/>:D<xsl:value-of select="$Z"/>)</c>
          <c c="4" t="f" f="pts-b" v="{$u/@achieved}">SUMIF(<xsl:value-of select="concat($K, $A, ':', $K, $Z)"/>,"x",E<xsl:value-of select="$A"/>:E<xsl:value-of select="$Z"/>)</c>
          <xsl:if test="$P">
            <c c="5" t="blank" f="pts"/><c c="6" t="blank" f="chg"/>
          </xsl:if>
          <c c="{$cn}" t="blank" f="text"/>
        </row>
        <row r="{$tot + 1}">
          <c c="0" t="blank" f="text-b"/>
          <c c="1" t="s" f="text-b">Chỉ số cải cách hành chính (%)</c>
          <c c="2" t="blank" f="pts"/>
          <c c="3" t="f" f="pct-b" v="{$u/@self-index}">ROUND(100*D<xsl:value-of select="$tot + 1"/>/C<xsl:value-of select="$tot + 1"/>,<xsl:value-of select="$prec"/>)</c>
          <c c="4" t="f" f="pct-b" v="{$u/@index}">ROUND(100*E<xsl:value-of select="$tot + 1"/>/C<xsl:value-of select="$tot + 1"/>,<xsl:value-of select="$prec"/>)</c>
          <xsl:if test="$P">
            <xsl:choose>
              <xsl:when test="$u/@previous-index"><c c="5" t="n" f="pct-b" v="{$u/@previous-index}"/></xsl:when>
              <xsl:otherwise><c c="5" t="blank" f="pct-b"/></xsl:otherwise>
            </xsl:choose>
            <xsl:choose>
              <xsl:when test="$u/@index-change">
                <c c="6" t="f" f="chg-b" v="{$u/@index-change}">E<xsl:value-of select="$tot + 2"/>-F<xsl:value-of select="$tot + 2"/></c>
              </xsl:when>
              <xsl:otherwise><c c="6" t="blank" f="chg"/></xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <c c="{$cn}" t="blank" f="text"/>
        </row>
        <merge range="C{$tot + 4}:{$N}{$tot + 4}" format="text"><xsl:value-of select="$u/@tier-label"/></merge>
        <row r="{$tot + 3}"><c c="1" t="s" f="text-b">Nhóm</c></row>
        <merge range="C{$tot + 5}:{$N}{$tot + 5}" format="text"><xsl:value-of select="$u/@rating-label"/></merge>
        <row r="{$tot + 4}"><c c="1" t="s" f="text-b">Xếp loại người đứng đầu</c></row>
        <merge range="C{$tot + 6}:{$N}{$tot + 6}" format="text"><xsl:value-of select="concat('Thứ ', $u/@rank, '/', $b/@count, ' đơn vị')"/></merge>
        <row r="{$tot + 5}"><c c="1" t="s" f="text-b">Xếp hạng<xsl:if test="$b/@name != ''"> trong khối <xsl:value-of select="$b/@name"/></xsl:if></c></row>
        <!-- the change of rank only with last year's file: without it
             the unit is not "mới" (new), there is nothing to compare -->
        <xsl:if test="$py">
          <merge range="C{$tot + 7}:{$N}{$tot + 7}" format="text"><xsl:call-template name="rank-change"><xsl:with-param name="u" select="$u"/></xsl:call-template><xsl:if test="$u/@previous-year"> so với năm <xsl:value-of select="$u/@previous-year"/></xsl:if></merge>
          <row r="{$tot + 6}"><c c="1" t="s" f="text-b">So với năm trước</c></row>
        </xsl:if>
      </sheet>

      <!-- the header right under the title: no empty bordered row -->
      <xsl:variable name="Z"><xsl:choose><xsl:when test="$py">H</xsl:when><xsl:otherwise>G</xsl:otherwise></xsl:choose></xsl:variable>
      <sheet name="Xếp hạng" fit-width="true" repeat-rows="1-1" freeze-rows="2" freeze-cols="2"
             autofilter="A2:{$Z}{1 + $b/@count + 1}"
             header="&amp;L&amp;8{$r/issuer/@name}" footer="&amp;C&amp;8Trang &amp;P/&amp;N" protect="true">
        <col first="0" last="0" width="7" format="int"/>
        <col first="1" last="1" width="28" format="text"/>
        <col first="2" last="3" width="11" format="pts"/>
        <col first="4" last="4" width="11" format="pct"/>
        <col first="5" last="6" width="26" format="text"/>
        <xsl:if test="$py"><col first="7" last="7" width="12" format="delta"/></xsl:if>
        <row r="0" height="21"/>
        <merge range="A1:{$Z}1" format="title">XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/><xsl:if test="$b/@name != ''"> - <xsl:value-of select="pp:upper($b/@name)"/></xsl:if></merge>
        <row r="1" height="32">
          <c c="0" t="s" f="head">Hạng</c><c c="1" t="s" f="head">Đơn vị</c>
          <c c="2" t="s" f="head">Điểm đạt</c><c c="3" t="s" f="head">Điểm tối đa</c>
          <c c="4" t="s" f="head">Chỉ số (%)</c><c c="5" t="s" f="head">Nhóm</c>
          <c c="6" t="s" f="head">Xếp loại người đứng đầu</c>
          <xsl:if test="$py"><c c="7" t="s" f="head">Thay đổi thứ hạng</c></xsl:if>
        </row>
        <!-- the block's public ranking, the unit's own row marked -->
        <rows source="block" key="{$b/@id}" mark="{$u/@id}" first="2" fit-height="true">
          <c c="0" field="rank"/>
          <c c="1" t="s" f="own" field="label" capital="true" if="marked"/>
          <c c="1" t="s" field="label" capital="true" unless="marked"/>
          <c c="2" field="achieved"/>
          <c c="3" field="max"/>
          <c c="4" f="own-pct" field="index" if="marked"/>
          <c c="4" field="index" unless="marked"/>
          <c c="5" t="s" field="tier-label"/>
          <c c="6" t="s" field="rating-label"/>
          <xsl:if test="$py">
            <c c="7" t="s" f="center" v="mới" if="new"/>
            <c c="7" field="delta" unless="new"/>
          </xsl:if>
        </rows>
      </sheet>
    </workbook>
  </xsl:template>
</xsl:stylesheet>
