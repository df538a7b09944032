<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl: small pieces of wording shared by the templates.
  Imported by the others; change a phrase here and every document follows.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">

  <!-- How amounts are written in words. Empty: "hai mươi tư", "một trăm
       lẻ năm", "nghìn". Any of bốn, linh, ngàn (comma separated) for the
       other regional forms, e.g. 'bốn,linh,ngàn'. -->
  <xsl:param name="words-style" select="''"/>

  <!-- A unit as the subject of a sentence or the title of its sheet.
       A local government (its kind xã, phường, thị trấn, huyện, quận,
       thị xã, thành phố, tỉnh) is "UBND + its kind + its name": "UBND xã
       Thống Nhất", "UBND thị trấn Gia Lộc" (name "Thị trấn Gia Lộc": the
       kind lower case inside the title), "UBND thị xã Kỳ Anh". Any other
       unit (a department, an agency, kind "cơ quan" or none) is its name
       as listed (@label: "Sở Tư pháp"); so is a name that already says
       "UBND …". -->
  <xsl:variable name="local-kinds" select="'|xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|'"/>
  <xsl:template name="unit-title">
    <xsl:param name="u" select="."/>
    <xsl:variable name="kind" select="pp:lower(normalize-space($u/@kind))"/>
    <xsl:variable name="kl" select="string-length($kind)"/>
    <xsl:choose>
      <xsl:when test="$kind = '' or not(contains($local-kinds, concat('|', $kind, '|'))) or starts-with($u/@name, 'UBND') or starts-with(pp:upper($u/@name), 'ỦY BAN')">
        <xsl:choose>
          <xsl:when test="$u/@label"><xsl:value-of select="$u/@label"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$u/@name"/></xsl:otherwise>
        </xsl:choose>
      </xsl:when>
      <xsl:when test="pp:lower(substring($u/@name, 1, $kl + 1)) = concat($kind, ' ')">
        <xsl:value-of select="concat('UBND ', $kind, substring($u/@name, $kl + 1))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('UBND ', $kind, ' ', $u/@name)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The scheme as a document names it: its title ("Bộ tiêu chí xác
       định Chỉ số cải cách hành chính của UBND các xã, thị trấn"), or,
       when the file gives none, what every scheme is called. -->
  <xsl:template name="scheme-title">
    <xsl:param name="s" select="/results/scheme"/>
    <xsl:choose>
      <xsl:when test="normalize-space($s/@title) != ''"><xsl:value-of select="$s/@title"/></xsl:when>
      <xsl:otherwise>Bộ tiêu chí xác định Chỉ số cải cách hành chính</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a rank change in words: "tăng 12 bậc", "giảm 3 bậc", "giữ nguyên
       thứ hạng", "đơn vị mới" -->
  <xsl:template name="rank-change">
    <xsl:param name="u" select="."/>
    <xsl:choose>
      <xsl:when test="$u/@new = 'true'">mới</xsl:when>
      <xsl:when test="$u/@delta &gt; 0">tăng <xsl:value-of select="$u/@delta"/> bậc</xsl:when>
      <xsl:when test="$u/@delta &lt; 0">giảm <xsl:value-of select="$u/@delta-abs"/> bậc</xsl:when>
      <xsl:otherwise>giữ nguyên thứ hạng</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a change of index in points: "cao hơn 2,38 điểm", "thấp hơn …" -->
  <xsl:template name="index-change">
    <xsl:param name="u" select="."/>
    <xsl:choose>
      <xsl:when test="not($u/@index-change)"/>
      <xsl:when test="$u/@index-change &gt; 0">cao hơn <xsl:value-of select="$u/@index-change-abs-text"/> điểm</xsl:when>
      <xsl:when test="$u/@index-change &lt; 0">thấp hơn <xsl:value-of select="$u/@index-change-abs-text"/> điểm</xsl:when>
      <xsl:otherwise>bằng</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a list of units as subjects: "UBND xã An Lão và UBND xã Ân Thi" -->
  <xsl:template name="title-list">
    <xsl:param name="units"/>
    <xsl:for-each select="$units">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> và </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:call-template name="unit-title"/>
    </xsl:for-each>
  </xsl:template>

  <!-- a list of names: "A, B và C" -->
  <xsl:template name="name-list">
    <xsl:param name="units"/>
    <xsl:for-each select="$units">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> và </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="@label"><xsl:value-of select="@label"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
