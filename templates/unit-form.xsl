<?xml version="1.0" encoding="UTF-8"?>
<!--
  unit-form.xsl: the scoring form sent to one unit before the appraisal
  (parpack forms): every criterion with its maximum, empty cells for the
  unit's self-assessment, the council's appraised points and note, and the
  evidence; subtotals as formulas. Only the yellow cells can be edited;
  each score cell accepts a number from 0 to the criterion's maximum (dot
  or comma) or KAD for a criterion that does not apply.

  `parpack import` reads it back: it finds the unit, the year and the
  issuer through the defined names PP_UNIT, PP_YEAR and PP_ISSUER, the
  columns by their headings (Mã, Tự đánh giá, Thẩm định, Ghi chú) and the
  rows by criterion code. Keep those headings and names when you change
  the wording; the rest is free.

  Input: <form year precision><issuer …/><scheme title max count/>
  <unit id name kind …/></form>. Output: workbook.xsd.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="f" select="/form"/>
  <xsl:variable name="u" select="$f/unit"/>
  <xsl:variable name="year" select="$f/@year"/>
  <xsl:variable name="sheet" select="'Phiếu chấm điểm'"/>
  <xsl:variable name="head" select="7"/>                          <!-- heading row -->
  <xsl:variable name="first" select="$head + 1"/>                 <!-- criterion n=1 -->
  <xsl:variable name="end" select="$first + $f/scheme/@count - 1"/>
  <xsl:variable name="tot" select="$end + 1"/>
  <xsl:variable name="A" select="$first + 1"/>                    <!-- 1-based rows -->
  <xsl:variable name="Z" select="$end + 1"/>

  <xsl:template match="/">
    <xsl:variable name="title"><xsl:call-template name="unit-title"><xsl:with-param name="u" select="$u"/></xsl:call-template></xsl:variable>
    <workbook title="Phiếu chấm điểm Chỉ số cải cách hành chính năm {$year} - {$title}"
              subject="Chỉ số cải cách hành chính năm {$year}" author="{$f/issuer/@name}"
              company="{$f/issuer/@name}">
      <format id="title" bold="true" size="14" align="center" valign="center"/>
      <format id="subtitle" italic="true" size="12" align="center" wrap="true"/>
      <format id="label" size="11" bold="true"/>
      <!-- left, under its label: the year is a number, which would
           otherwise stand at the right of the wide column, mid-page -->
      <format id="ident" size="11" align="left"/>
      <format id="head" bold="true" size="11" align="center" valign="center" wrap="true" border="true" bg="#DDEBF7"/>
      <format id="code" size="11" border="true" align="center" valign="center"/>
      <format id="code-b" size="11" border="true" bold="true" align="center" valign="center"/>
      <format id="name" size="11" border="true" valign="center" wrap="true"/>
      <format id="name-b" size="11" border="true" bold="true" valign="center" wrap="true"/>
      <format id="max" size="11" border="true" num-format="0.00" valign="center"/>
      <format id="max-b" size="11" border="true" bold="true" num-format="0.00" valign="center"/>
      <format id="sum" size="11" border="true" num-format="0.00" valign="center"/>
      <format id="sum-b" size="11" border="true" bold="true" num-format="0.00" valign="center"/>
      <format id="in" size="11" border="true" align="center" valign="center" bg="#FFF2CC" locked="false"/>
      <format id="in-text" size="11" border="true" valign="center" wrap="true" bg="#FFF2CC" locked="false"/>
      <format id="off" size="11" border="true" align="center" valign="center" bg="#EDEDED"/>
      <format id="cell" size="11" border="true" valign="center"/>
      <format id="note" size="11" wrap="true" valign="top"/>
      <format id="note-b" size="11" bold="true"/>
      <sheet name="{$sheet}" landscape="true" fit-width="true" repeat-rows="{$head}-{$head}"
             freeze-rows="{$first}" freeze-cols="2"
             header="&amp;L&amp;8{$f/issuer/@name}&amp;R&amp;8{$title}"
             footer="&amp;C&amp;8Trang &amp;P/&amp;N" protect="true" outline-above="true">
        <!-- no column formats: an empty cell stays locked; only the
             cells of the criteria's rows below are open to typing -->
        <col first="0" last="0" width="9"/>
        <col first="1" last="1" width="66"/>
        <col first="2" last="2" width="10"/>
        <col first="3" last="4" width="12"/>
        <col first="5" last="6" width="32"/>
        <col first="7" last="7" width="5" hidden="true"/>
        <!-- the title rows as high as their type, each set just before
             its merge: rows are written out in order -->
        <row r="0" height="21"/>
        <merge range="A1:G1" format="title">PHIẾU CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></merge>
        <row r="1" height="21"/>
        <merge range="A2:G2" format="title"><xsl:value-of select="$title"/></merge>
        <merge range="A3:G3" format="subtitle"><xsl:value-of select="$f/scheme/@title"/></merge>
        <!-- who and when: read back by `parpack import` (defined names below) -->
        <row r="3"><c c="0" t="s" f="label">Mã đơn vị</c><c c="1" t="s" f="ident"><xsl:value-of select="$u/@id"/></c></row>
        <row r="4"><c c="0" t="s" f="label">Năm</c><c c="1" t="n" f="ident" v="{$year}"/></row>
        <row r="5"><c c="0" t="s" f="label">Cơ quan</c><c c="1" t="s" f="ident"><xsl:value-of select="$f/issuer/@name"/></c></row>
        <row r="{$head}" height="32">
          <c c="0" t="s" f="head">Mã</c>
          <c c="1" t="s" f="head">Tiêu chí, tiêu chí thành phần</c>
          <c c="2" t="s" f="head">Điểm tối đa</c>
          <c c="3" t="s" f="head">Tự đánh giá</c>
          <c c="4" t="s" f="head">Thẩm định</c>
          <c c="5" t="s" f="head">Ghi chú</c>
          <c c="6" t="s" f="head">Tài liệu kiểm chứng</c>
          <c c="7" t="s" f="head">Loại</c>
        </row>
        <!-- one row per criterion (source "criteria", docs/workbook.md) -->
        <rows source="criteria" key="{$u/@id}" first="{$first}" outline="depth">
          <!-- a criterion with points: the cells to fill in -->
          <c c="0" t="s" f="code" field="id" if="leaf"/>
          <c c="1" t="s" f="name" field="name" if="leaf" unless="source=survey"/>
          <c c="1" t="s" f="name" if="leaf source=survey"><field name="name"/> (điều tra xã hội học)</c>
          <c c="2" t="n" f="max" field="max" if="leaf"/>
          <c c="3" t="blank" f="in" if="leaf" unless="source=survey"/>
          <c c="3" t="blank" f="off" if="leaf source=survey"/>
          <c c="4" t="blank" f="in" if="leaf"/>
          <c c="5" t="blank" f="in-text" if="leaf"/>
          <c c="6" t="blank" f="in-text" if="leaf"/>
          <c c="7" t="s" v="x" if="leaf"/>
          <!-- a field or a criterion with sub-criteria: subtotals -->
          <c c="0" t="s" f="code-b" field="id" unless="leaf"/>
          <c c="1" t="s" f="name-b" field="name" unless="leaf"/>
          <c c="2" t="n" f="max-b" field="max" unless="leaf"/>
          <c c="3" t="f" f="sum-b" field="self" unless="leaf">SUMIF(H<field name="row" add="1"/>:H<field name="row" plus="descendants"/>,"x",D<field name="row" add="1"/>:D<field name="row" plus="descendants"/>)</c>
          <c c="4" t="f" f="sum-b" field="final" unless="leaf">SUMIF(H<field name="row" add="1"/>:H<field name="row" plus="descendants"/>,"x",E<field name="row" add="1"/>:E<field name="row" plus="descendants"/>)</c>
          <c c="5" t="blank" f="cell" unless="leaf"/>
          <c c="6" t="blank" f="cell" unless="leaf"/>
          <c c="7" t="blank" f="cell" unless="leaf"/>
        </rows>
        <row r="{$tot}">
          <c c="0" t="blank" f="code-b"/>
          <c c="1" t="s" f="name-b">Tổng điểm</c>
          <c c="2" t="f" f="sum-b" v="{$f/scheme/@max}">SUMIF(H<xsl:value-of select="$A"/>:H<xsl:value-of select="$Z"/>,"x",C<xsl:value-of select="$A"/>:C<xsl:value-of select="$Z"/>)</c>
          <c c="3" t="f" f="sum-b" v="0">SUMIF(H<xsl:value-of select="$A"/>:H<xsl:value-of select="$Z"/>,"x",D<xsl:value-of select="$A"/>:D<xsl:value-of select="$Z"/>)</c>
          <c c="4" t="f" f="sum-b" v="0">SUMIF(H<xsl:value-of select="$A"/>:H<xsl:value-of select="$Z"/>,"x",E<xsl:value-of select="$A"/>:E<xsl:value-of select="$Z"/>)</c>
          <c c="5" t="blank" f="cell"/>
          <c c="6" t="blank" f="cell"/>
        </row>
        <!-- the legend -->
        <row r="{$tot + 2}"><c c="0" t="s" f="note-b">Hướng dẫn</c></row>
        <merge range="A{$tot + 4}:G{$tot + 4}" format="note">1. Chỉ nhập vào các ô nền vàng: cột "Tự đánh giá" do đơn vị chấm; cột "Thẩm định" và "Ghi chú" do Hội đồng thẩm định ghi; cột "Tài liệu kiểm chứng" ghi tên, số, ngày của tài liệu chứng minh.</merge>
        <merge range="A{$tot + 5}:G{$tot + 5}" format="note">2. Điểm là một số từ 0 đến điểm tối đa của tiêu chí (cột "Điểm tối đa"), có thể dùng dấu phẩy hoặc dấu chấm thập phân (1,5 hoặc 1.5), tối đa ba chữ số thập phân.</merge>
        <merge range="A{$tot + 6}:G{$tot + 6}" format="note">3. Tiêu chí điều tra xã hội học do Hội đồng thẩm định chấm. Tiêu chí không áp dụng đối với đơn vị: ghi KAD (không áp dụng) vào ô điểm; tiêu chí đó không tính vào điểm đạt và điểm tối đa của đơn vị.</merge>
        <merge range="A{$tot + 7}:G{$tot + 7}" format="note">4. Các dòng in đậm và dòng "Tổng điểm" tự cộng; không sửa cột "Mã" và các ô "Mã đơn vị", "Năm", "Cơ quan", để phần mềm đọc lại phiếu đúng đơn vị và tiêu chí.</merge>
        <xsl:variable name="D" select="concat('D', $A)"/>
        <xsl:variable name="C" select="concat('$C', $A)"/>
        <!-- a score typed as text ("1,5" where the decimal mark is a
             dot) is refused: the subtotals (SUMIF) add numbers only, so
             a text the total would skip never gets in, and the form's
             own total is what import reads -->
        <validate range="D{$A}:E{$Z}"
                  formula="OR(UPPER(TRIM({$D}))=&quot;KAD&quot;,AND(ISNUMBER({$D}),{$D}&gt;=0,{$D}&lt;={$C}))"
                  input-title="Điểm của tiêu chí"
                  input="Một số từ 0 đến điểm tối đa (cột C), với dấu thập phân của máy (1,5 hoặc 1.5); KAD nếu tiêu chí không áp dụng."
                  error-title="Điểm không hợp lệ"
                  error="Điểm phải là một số từ 0 đến điểm tối đa của tiêu chí (cột C), với dấu thập phân của máy (nếu máy dùng dấu chấm thì gõ 1.5, dấu phẩy thì gõ 1,5), hoặc KAD nếu tiêu chí không áp dụng đối với đơn vị."/>
      </sheet>
      <name name="PP_UNIT" ref="='{$sheet}'!$B$4"/>
      <name name="PP_YEAR" ref="='{$sheet}'!$B$5"/>
      <name name="PP_ISSUER" ref="='{$sheet}'!$B$6"/>
    </workbook>
  </xsl:template>
</xsl:stylesheet>
