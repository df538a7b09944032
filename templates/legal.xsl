<?xml version="1.0" encoding="UTF-8"?>
<!--
  legal.xsl: the legal bases (căn cứ) of the decisions, chosen by the
  announcement date. Edit here when a law or decree changes; the
  province's own bases can be added in decision.xsl / award-decision.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">

  <!-- yyyymmdd of the announcement, to compare with dates in force -->
  <xsl:variable name="ann-ymd" select="number(translate(/results/announcement/@date, '-', ''))"/>

  <xsl:template name="basis-local-government">
    <xsl:choose>
      <xsl:when test="$ann-ymd &gt;= 20250701">Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025</xsl:when>
      <xsl:otherwise>Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="basis-emulation">
    <xsl:choose>
      <xsl:when test="$ann-ymd &gt;= 20240101">Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022; Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng</xsl:when>
      <xsl:otherwise>Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013; Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the decree fixing the base salary in force on the date: since when
       it is in force comes from the program's table (src/core/legal.c), the
       decree's words from here -->
  <xsl:template name="basis-base-salary">
    <xsl:variable name="since" select="pp:base-salary-since(/results/announcement/@date)"/>
    <xsl:choose>
      <xsl:when test="$since = 20260701">Căn cứ Nghị định của Chính phủ quy định mức lương cơ sở áp dụng từ ngày 01 tháng 7 năm 2026</xsl:when>
      <xsl:when test="$since = 20240701">Căn cứ Nghị định số 73/2024/NĐ-CP ngày 30 tháng 6 năm 2024 của Chính phủ quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang</xsl:when>
      <xsl:when test="$since = 20230701">Căn cứ Nghị định số 24/2023/NĐ-CP ngày 14 tháng 5 năm 2023 của Chính phủ quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang</xsl:when>
      <xsl:otherwise>Căn cứ Nghị định số 38/2019/NĐ-CP ngày 09 tháng 5 năm 2019 của Chính phủ quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="basis-program">Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021&#160;-&#160;2030</xsl:template>

  <!-- one basis line: italic, ending ";" or "." for the last -->
  <xsl:template name="basis">
    <xsl:param name="text"/>
    <xsl:param name="last" select="false()"/>
    <p align="justify" italic="true" indent="12.7" space-after="3">
      <xsl:value-of select="$text"/>
      <xsl:choose><xsl:when test="$last">.</xsl:when><xsl:otherwise>;</xsl:otherwise></xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
