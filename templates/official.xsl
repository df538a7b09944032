<?xml version="1.0" encoding="UTF-8"?>
<!--
  official.xsl: the parts every official document shares (decree
  30/2020/NĐ-CP, appendix I): the two-column header, the signature block
  with "Nơi nhận", the legal date line. Imported by report.xsl,
  decision.xsl and award-decision.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">

  <xsl:variable name="iss" select="/results/issuer"/>
  <xsl:variable name="ann" select="/results/announcement"/>
  <xsl:variable name="year" select="/results/@year"/>

  <!-- "Số:      /QĐ-UBND" with room to write the number by hand -->
  <xsl:template name="number-line">
    <xsl:param name="type" select="'QĐ'"/>
    <xsl:text>Số: </xsl:text>
    <xsl:choose>
      <xsl:when test="$ann/@number != ''"><xsl:value-of select="$ann/@number"/></xsl:when>
      <!-- no-break spaces: room to write the number by hand -->
      <xsl:otherwise><xsl:text>&#160;&#160;&#160;&#160;&#160;&#160;&#160;&#160;&#160;&#160;</xsl:text></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat('/', $type, '-', $iss/@symbol)"/>
  </xsl:template>

  <!-- "      /BC-UBND" alone, for "(Kèm theo … số …)" -->
  <xsl:template name="number-only">
    <xsl:param name="type" select="'QĐ'"/>
    <xsl:choose>
      <xsl:when test="$ann/@number != ''"><xsl:value-of select="$ann/@number"/></xsl:when>
      <xsl:otherwise><xsl:text>&#160;&#160;&#160;&#160;&#160;&#160;&#160;&#160;</xsl:text></xsl:otherwise>
    </xsl:choose>
    <xsl:value-of select="concat('/', $type, '-', $iss/@symbol)"/>
  </xsl:template>

  <!-- the two-column header of decree 30 -->
  <xsl:template name="header">
    <xsl:param name="type" select="'QĐ'"/>
    <columns widths="42 58" align-last="true">
      <column>
        <xsl:if test="$iss/@parent">
          <p align="center" size="13" space-after="0"><xsl:value-of select="$iss/@parent"/></p>
        </xsl:if>
        <p align="center" size="13" bold="true" space-after="0"><xsl:value-of select="$iss/@name"/></p>
        <rule width="text" fraction="0.4" align="center" space-after="6"/>
        <p align="center" size="13" space-after="0"><xsl:call-template name="number-line"><xsl:with-param name="type" select="$type"/></xsl:call-template></p>
      </column>
      <column>
        <p align="center" size="12" bold="true" space-after="0">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
        <p align="center" size="13" bold="true" space-after="0">Độc lập - Tự do - Hạnh phúc</p>
        <rule width="text" align="center" space-after="6"/>
        <p align="center" size="13" italic="true" space-after="0">
          <xsl:value-of select="concat($iss/@place, ', ', $ann/@date-legal)"/>
        </p>
      </column>
    </columns>
    <space height="6"/>
  </xsl:template>

  <!-- the signature block, "Nơi nhận" on the left at the same height -->
  <xsl:template name="signature">
    <xsl:param name="extra-recipient"/>
    <xsl:variable name="s" select="$iss/signer"/>
    <columns widths="45 55" keep-together="true" keep-with-previous="true">
      <column>
        <p align="left" size="12" bold="true" italic="true" space-before="6" space-after="0">Nơi nhận:</p>
        <xsl:if test="$extra-recipient != ''">
          <p align="left" size="11" space-after="0"><xsl:value-of select="concat('- ', $extra-recipient, ';')"/></p>
        </xsl:if>
        <xsl:for-each select="$iss/recipients/to">
          <p align="left" size="11" space-after="0">
            <xsl:text>- </xsl:text><xsl:value-of select="."/>
            <xsl:choose>
              <xsl:when test="position() = last()">.</xsl:when>
              <xsl:otherwise>;</xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:for-each>
        <xsl:if test="not($iss/recipients/to)">
          <p align="left" size="11" space-after="0">- Lưu: VT.</p>
        </xsl:if>
      </column>
      <column>
        <xsl:if test="$s/@authority">
          <p align="center" size="13" bold="true" space-before="6" space-after="0"><xsl:value-of select="pp:upper($s/@authority)"/></p>
        </xsl:if>
        <xsl:if test="$s/@capacity">
          <p align="center" size="13" bold="true" space-after="0"><xsl:value-of select="pp:upper($s/@capacity)"/></p>
        </xsl:if>
        <p align="center" size="13" bold="true" space-after="0"><xsl:value-of select="pp:upper($s/@title)"/></p>
        <space height="24"/>
        <p align="center" size="13" bold="true" space-after="0"><xsl:value-of select="$s/@name"/></p>
      </column>
    </columns>
  </xsl:template>
</xsl:stylesheet>
