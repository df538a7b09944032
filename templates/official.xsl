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

  <!-- Who proposes and who is charged follow the issuer's level
       (issuer/@level: province or district), unless the file words them
       (issuer/proposer, charged, award-charged). The local government's
       kind, lower case, is read from the issuer's name: "ỦY BAN NHÂN DÂN
       HUYỆN GIA LỘC" with place "Gia Lộc" gives "huyện"; a province's
       communes are "cấp huyện" before 1 July 2025 (two levels since). -->
  <xsl:variable name="province" select="$iss/@level = 'province'"/>
  <xsl:variable name="local-kind">
    <xsl:variable name="rest" select="normalize-space(substring-after($iss/@name, pp:upper($iss/signer/@body)))"/>
    <xsl:variable name="k" select="normalize-space(substring-before(concat($rest, ' '), concat(' ', pp:upper($iss/@place), ' ')))"/>
    <xsl:choose>
      <xsl:when test="$k != '' and string-length($k) &lt; 12"><xsl:value-of select="pp:lower($k)"/></xsl:when>
      <xsl:when test="$province">tỉnh</xsl:when>
      <xsl:otherwise>huyện</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="two-levels" select="$ann/@year &gt; 2025 or ($ann/@year = 2025 and $ann/@month &gt;= 7)"/>
  <xsl:variable name="proposer">
    <xsl:choose>
      <xsl:when test="$iss/proposer"><xsl:value-of select="$iss/proposer"/></xsl:when>
      <xsl:when test="$province">Giám đốc Sở Nội vụ</xsl:when>
      <xsl:otherwise>Trưởng phòng Nội vụ</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- the officials Điều 3 of the approval decision charges -->
  <xsl:variable name="charged">
    <xsl:choose>
      <xsl:when test="$iss/charged"><xsl:value-of select="$iss/charged"/></xsl:when>
      <xsl:when test="$province and $two-levels"><xsl:value-of select="concat('Chánh Văn phòng UBND ', $local-kind, ', Giám đốc Sở Nội vụ, thủ trưởng các sở, ban, ngành, Chủ tịch UBND cấp xã')"/></xsl:when>
      <xsl:when test="$province"><xsl:value-of select="concat('Chánh Văn phòng UBND ', $local-kind, ', Giám đốc Sở Nội vụ, thủ trưởng các sở, ban, ngành, Chủ tịch UBND cấp huyện')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('Chánh Văn phòng HĐND và UBND ', $local-kind, ', Trưởng phòng Nội vụ, Chủ tịch UBND các xã, thị trấn')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- the officials Điều 3 of the commendation decision charges -->
  <xsl:variable name="award-charged">
    <xsl:choose>
      <xsl:when test="$iss/award-charged"><xsl:value-of select="$iss/award-charged"/></xsl:when>
      <xsl:when test="$province"><xsl:value-of select="concat('Chánh Văn phòng UBND ', $local-kind, ', Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('Chánh Văn phòng HĐND và UBND ', $local-kind, ', Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch')"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

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
        <p align="center" size="13" bold="true" space-after="0"><xsl:call-template name="body-lines"/></p>
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

  <!-- The issuing body as a clerk breaks it: the collective body, then
       the place part on its own line ("ỦY BAN NHÂN DÂN" / "HUYỆN GIA
       LỘC"). The break falls after the signer's body (issuer/signer/@body,
       "ỦY BAN NHÂN DÂN" by default) when the name starts with it; a name
       that does not is printed whole. -->
  <xsl:template name="body-lines">
    <xsl:variable name="name" select="$iss/@name"/>
    <xsl:variable name="body" select="pp:upper($iss/signer/@body)"/>
    <xsl:choose>
      <xsl:when test="$body != '' and starts-with($name, concat($body, ' '))">
        <xsl:value-of select="$body"/><br/><xsl:value-of select="substring-after($name, concat($body, ' '))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The signature block, "Nơi nhận" on the left at the same height.
       Its first lines follow who issues the document (decree 30/2020,
       appendix I; docs/input-format.md "Who signs"):
         collective = true(): a document of the committee (the report):
           "TM. <body>", then "CHỦ TỊCH", or "KT. CHỦ TỊCH" / <title>;
         collective = false(): a decision of the chairman: no "TM." line,
           "CHỦ TỊCH", or "KT. CHỦ TỊCH" / <title>.
       The office (chairman or deputy) and the body come from the issuer
       file (issuer/signer/@office, @body); @title is the signer's own
       office ("PHÓ CHỦ TỊCH").
       articles = false(): the document has no articles (a report), so
       recipients that refer to one ("Như Điều 3") are left out. -->
  <xsl:template name="signature">
    <xsl:param name="extra-recipient"/>
    <xsl:param name="collective" select="false()"/>
    <xsl:param name="articles" select="true()"/>
    <xsl:variable name="s" select="$iss/signer"/>
    <xsl:variable name="to" select="$iss/recipients/to[$articles or not(starts-with(normalize-space(.), 'Như Điều'))]"/>
    <columns widths="45 55" keep-together="true" keep-with-previous="true">
      <column>
        <p align="left" size="12" bold="true" italic="true" space-before="6" space-after="0">Nơi nhận:</p>
        <xsl:if test="$extra-recipient != ''">
          <p align="left" size="11" space-after="0"><xsl:value-of select="concat('- ', $extra-recipient, ';')"/></p>
        </xsl:if>
        <xsl:for-each select="$to">
          <p align="left" size="11" space-after="0">
            <xsl:text>- </xsl:text><xsl:value-of select="."/>
            <xsl:choose>
              <xsl:when test="position() = last()">.</xsl:when>
              <xsl:otherwise>;</xsl:otherwise>
            </xsl:choose>
          </p>
        </xsl:for-each>
        <!-- no recipients in the file: those Điều 3 charges (a decision
             only), then the archive -->
        <xsl:if test="not($to)">
          <xsl:if test="$articles">
            <p align="left" size="11" space-after="0">- Như Điều 3;</p>
          </xsl:if>
          <p align="left" size="11" space-after="0">- Lưu: VT.</p>
        </xsl:if>
      </column>
      <column>
        <xsl:if test="$collective">
          <p align="center" size="13" bold="true" space-before="6" space-after="0"><xsl:value-of select="concat('TM. ', pp:upper($s/@body))"/></p>
        </xsl:if>
        <xsl:choose>
          <xsl:when test="$s/@office = 'deputy'">
            <p align="center" size="13" bold="true" space-after="0">
              <xsl:if test="not($collective)"><xsl:attribute name="space-before">6</xsl:attribute></xsl:if>
              <xsl:text>KT. CHỦ TỊCH</xsl:text>
            </p>
            <p align="center" size="13" bold="true" space-after="0"><xsl:value-of select="pp:upper($s/@title)"/></p>
          </xsl:when>
          <xsl:otherwise>
            <p align="center" size="13" bold="true" space-after="0">
              <xsl:if test="not($collective)"><xsl:attribute name="space-before">6</xsl:attribute></xsl:if>
              <xsl:value-of select="pp:upper($s/@title)"/>
            </p>
          </xsl:otherwise>
        </xsl:choose>
        <space height="24"/>
        <p align="center" size="13" bold="true" space-after="0"><xsl:value-of select="$s/@name"/></p>
      </column>
    </columns>
  </xsl:template>
</xsl:stylesheet>
