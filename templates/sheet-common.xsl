<?xml version="1.0" encoding="UTF-8"?>
<!--
  sheet-common.xsl: formats and pieces shared by the workbook templates.
  Rows and columns of the workbook vocabulary are 0-based; pp:cell(r, c)
  turns them into "C5" for formulas.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">

  <xsl:variable name="prec" select="/results/@precision"/>
  <!-- "0.00" for precision 2 -->
  <xsl:variable name="pct-format">
    <xsl:choose>
      <xsl:when test="$prec = 0">0</xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('0.', substring('000', 1, $prec))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template name="formats">
    <format id="title" bold="true" size="14" align="center" valign="center"/>
    <format id="subtitle" italic="true" size="12" align="center"/>
    <format id="head" bold="true" size="11" align="center" valign="center" wrap="true" border="true" bg="#DDEBF7"/>
    <format id="text" size="11" border="true" valign="center" wrap="true" locked="false"/>
    <format id="text-b" size="11" border="true" bold="true" valign="center" wrap="true"/>
    <format id="center" size="11" border="true" align="center" valign="center"/>
    <format id="pts" size="11" border="true" num-format="0.00" valign="center"/>
    <format id="pts-b" size="11" border="true" bold="true" num-format="0.00" valign="center"/>
    <format id="pct" size="11" border="true" num-format="{$pct-format}" valign="center"/>
    <format id="pct-b" size="11" border="true" bold="true" num-format="{$pct-format}" valign="center"/>
    <format id="int" size="11" border="true" num-format="0" align="center" valign="center"/>
    <format id="delta" size="11" border="true" num-format="+0;-0;0" align="center" valign="center"/>
    <format id="warn" color="#9C0006" bg="#FFC7CE"/>
    <format id="own" size="11" border="true" bold="true" bg="#FFF2CC" valign="center"/>
    <format id="own-pct" size="11" border="true" bold="true" bg="#FFF2CC" num-format="{$pct-format}" valign="center"/>
  </xsl:template>

  <!-- a cell: <c c="col" t f v>text</c> -->
  <xsl:template name="n">
    <xsl:param name="c"/><xsl:param name="v"/><xsl:param name="f" select="'pts'"/>
    <c c="{$c}" t="n" f="{$f}" v="{$v}"/>
  </xsl:template>
  <xsl:template name="s">
    <xsl:param name="c"/><xsl:param name="v"/><xsl:param name="f" select="'text'"/>
    <c c="{$c}" t="s" f="{$f}"><xsl:value-of select="$v"/></c>
  </xsl:template>
</xsl:stylesheet>
