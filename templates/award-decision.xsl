<?xml version="1.0" encoding="UTF-8"?>
<!--
  award-decision.xsl: the commendation decision and its attached list,
  with the money in figures and in words.
  Input: the results XML (its <awards>). Output: document.xsd.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:import href="official.xsl"/>
  <xsl:import href="legal.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <!-- a recipient counted once however many awards it receives: a
       collective by its unit id or name, a person by name and organisation -->
  <xsl:key name="collective" match="collective" use="concat(@unit, '|', @name)"/>
  <xsl:key name="individual" match="individual" use="concat(@name, '|', @org)"/>

  <xsl:variable name="r" select="/results"/>
  <xsl:variable name="aw" select="$r/awards"/>
  <xsl:variable name="body" select="pp:proper($iss/@name, $iss/@place)"/>
  <xsl:variable name="ncoll" select="count($aw/award/collective[generate-id() = generate-id(key('collective', concat(@unit, '|', @name))[1])])"/>
  <xsl:variable name="nind" select="count($aw/award/individual[generate-id() = generate-id(key('individual', concat(@name, '|', @org))[1])])"/>

  <!-- what a count of commendations counts: "7 tập thể (8 lượt khen
       thưởng)" when a recipient is commended more than once, so that the
       list and the money can be checked against it; else "8 tập thể" -->
  <xsl:template name="recipients-count">
    <xsl:param name="awards"/>
    <xsl:param name="distinct"/>
    <xsl:param name="noun"/>
    <xsl:value-of select="concat(pp:money($distinct), ' ', $noun)"/>
    <xsl:if test="$awards != $distinct">
      <xsl:value-of select="concat(' (', pp:money($awards), ' lượt khen thưởng)')"/>
    </xsl:if>
  </xsl:template>
  <!-- the collectives and the individuals commended, each only when
       there is one: "7 tập thể (8 lượt khen thưởng) và 6 cá nhân", "3 tập
       thể" (no "và 0 cá nhân") -->
  <xsl:template name="totals">
    <xsl:if test="$ncoll &gt; 0">
      <xsl:call-template name="recipients-count">
        <xsl:with-param name="awards" select="$aw/@collectives"/>
        <xsl:with-param name="distinct" select="$ncoll"/>
        <xsl:with-param name="noun" select="'tập thể'"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:if test="$ncoll &gt; 0 and $nind &gt; 0"> và </xsl:if>
    <xsl:if test="$nind &gt; 0">
      <xsl:call-template name="recipients-count">
        <xsl:with-param name="awards" select="$aw/@individuals"/>
        <xsl:with-param name="distinct" select="$nind"/>
        <xsl:with-param name="noun" select="'cá nhân'"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="/">
    <document title="Quyết định khen thưởng thành tích cải cách hành chính năm {$year}"
              author="{$iss/@name}" subject="Khen thưởng cải cách hành chính năm {$year}" lang="vi">
      <page size="A4" orientation="portrait" margin-top="20" margin-bottom="20"
            margin-left="30" margin-right="15" font-size="14"/>
      <section page-numbers="top-center">
        <xsl:call-template name="header"/>
        <p align="center" bold="true" size="14" space-before="6" space-after="0">QUYẾT ĐỊNH</p>
        <p align="center" bold="true" size="14" space-after="0">Về việc khen thưởng thành tích trong thực hiện nhiệm vụ cải cách hành chính năm <xsl:value-of select="$year"/></p>
        <rule width="40" align="center" space-after="10"/>
        <p align="center" bold="true" size="14" space-after="10"><xsl:value-of select="concat('CHỦ TỊCH ', $iss/@name)"/></p>
        <xsl:call-template name="basis"><xsl:with-param name="text"><xsl:call-template name="basis-local-government"/></xsl:with-param></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text"><xsl:call-template name="basis-emulation"/></xsl:with-param></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text"><xsl:call-template name="basis-base-salary"/></xsl:with-param></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text" select="concat('Căn cứ kết quả Chỉ số cải cách hành chính năm ', $year)"/></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text" select="concat('Theo đề nghị của ', $proposer)"/><xsl:with-param name="last" select="true()"/></xsl:call-template>
        <p align="center" bold="true" size="14" space-before="6" space-after="6">QUYẾT ĐỊNH:</p>
        <p align="justify" indent="12.7" keep-together="true"><b>Điều 1.</b> Khen thưởng <xsl:call-template name="totals"/> (có danh sách kèm theo), gồm:</p>
        <xsl:for-each select="$aw/award">
          <p align="justify" indent="12.7">
            <xsl:value-of select="concat(position(), '. Tặng ', @form-label, ' cho ')"/>
            <xsl:if test="@collectives &gt; 0"><xsl:value-of select="concat(pp:money(@collectives), ' tập thể')"/></xsl:if>
            <xsl:if test="@collectives &gt; 0 and @individuals &gt; 0"> và </xsl:if>
            <xsl:if test="@individuals &gt; 0"><xsl:value-of select="concat(pp:money(@individuals), ' cá nhân')"/></xsl:if>
            <xsl:if test="@reason != ''">
              <xsl:text> </xsl:text>
              <xsl:value-of select="concat(translate(substring(@reason, 1, 1), 'ĐCBNTHKLMQSGDVXPRAEIOUY', 'đcbnthklmqsgdvxpraeiouy'), substring(@reason, 2))"/>
            </xsl:if>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:for-each>
        <p align="justify" indent="12.7" keep-together="true"><b>Điều 2.</b> Mức tiền thưởng kèm theo được tính bằng hệ số nhân với mức lương cơ sở <xsl:value-of select="$aw/@base-salary-text"/> đồng, làm tròn lên hàng chục nghìn đồng:<xsl:for-each select="$aw/form[@id = $aw/award/@form]"><xsl:variable name="id" select="@id"/><xsl:variable name="coll" select="@collective-amount and $aw/award[@form = $id][@collectives &gt; 0]"/><xsl:text> </xsl:text><xsl:value-of select="@label"/><xsl:if test="$coll">: tập thể <xsl:value-of select="@collective-amount-text"/> đồng</xsl:if><xsl:if test="@individual-amount and $aw/award[@form = $id][@individuals &gt; 0]"><xsl:choose><xsl:when test="$coll">, </xsl:when><xsl:otherwise>: </xsl:otherwise></xsl:choose>cá nhân <xsl:value-of select="@individual-amount-text"/> đồng</xsl:if>;</xsl:for-each> tổng số tiền thưởng là <b><xsl:value-of select="$aw/@total-text"/> đồng</b> (Bằng chữ: <i><xsl:value-of select="pp:money-words($aw/@total, $words-style)"/></i>). Kinh phí khen thưởng chi từ Quỹ thi đua, khen thưởng theo quy định.</p>
        <p align="justify" indent="12.7" keep-together="true"><b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký. <xsl:value-of select="$award-charged"/> và các <xsl:if test="$ncoll &gt; 0">tập thể</xsl:if><xsl:if test="$ncoll &gt; 0 and $nind &gt; 0">, </xsl:if><xsl:if test="$nind &gt; 0">cá nhân</xsl:if> có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.</p>
        <xsl:call-template name="signature"/>
      </section>

      <section page-numbers="top-center" restart="yes">
        <p align="center" bold="true" size="14" space-after="0">DANH SÁCH KHEN THƯỞNG</p>
        <p align="center" bold="true" size="13" space-after="0">THÀNH TÍCH TRONG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></p>
        <p align="center" italic="true" size="13" space-after="10">(Kèm theo Quyết định số <xsl:call-template name="number-only"/> ngày <xsl:value-of select="substring-after($ann/@date-legal, 'ngày ')"/> của <xsl:value-of select="concat('Chủ tịch ', $body)"/>)</p>
        <xsl:for-each select="$aw/award">
          <p align="left" bold="true" size="13" keep-with-next="true"><xsl:value-of select="concat(pp:upper(substring('ABCDEFGHIJ', position(), 1)), '. ', @form-label)"/></p>
          <xsl:if test="@reason != ''">
            <p align="justify" italic="true" size="12" keep-with-next="true"><xsl:value-of select="@reason"/></p>
          </xsl:if>
          <table size="11" header-rows="1" widths="7 35 40 18">
            <row header="true">
              <cell align="center" bold="true">STT</cell>
              <cell align="center" bold="true">Tên tập thể, cá nhân</cell>
              <cell align="center" bold="true">Chức vụ, đơn vị công tác</cell>
              <cell align="center" bold="true">Số tiền (đồng)</cell>
            </row>
            <xsl:if test="collective">
              <row><cell colspan="4" bold="true">I. Tập thể (<xsl:value-of select="pp:money(@collectives)"/>)</cell></row>
              <xsl:for-each select="collective">
                <row>
                  <cell align="center"><xsl:value-of select="@n"/></cell>
                  <cell align="left"><xsl:choose><xsl:when test="@unit"><xsl:call-template name="unit-title"/></xsl:when><xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise></xsl:choose></cell>
                  <cell align="left"><xsl:if test="@automatic = 'true'">Đề nghị theo kết quả Chỉ số</xsl:if></cell>
                  <cell align="right"><xsl:value-of select="@amount-text"/></cell>
                </row>
              </xsl:for-each>
            </xsl:if>
            <xsl:if test="individual">
              <row><cell colspan="4" bold="true"><xsl:choose><xsl:when test="collective">II</xsl:when><xsl:otherwise>I</xsl:otherwise></xsl:choose>. Cá nhân (<xsl:value-of select="pp:money(@individuals)"/>)</cell></row>
              <xsl:for-each select="individual">
                <row>
                  <cell align="center"><xsl:value-of select="@n"/></cell>
                  <cell align="left"><xsl:value-of select="@name"/></cell>
                  <cell align="left"><xsl:value-of select="@position"/><xsl:if test="@position and @org">, </xsl:if><xsl:value-of select="@org"/></cell>
                  <cell align="right"><xsl:value-of select="@amount-text"/></cell>
                </row>
              </xsl:for-each>
            </xsl:if>
            <row>
              <cell colspan="3" bold="true" align="center">Cộng</cell>
              <cell align="right" bold="true"><xsl:value-of select="@total-text"/></cell>
            </row>
          </table>
        </xsl:for-each>
        <p align="justify" bold="true" space-before="6">Tổng cộng: <xsl:call-template name="totals"/>; tổng số tiền thưởng: <xsl:value-of select="$aw/@total-text"/> đồng.</p>
        <p align="justify" italic="true">(Bằng chữ: <xsl:value-of select="pp:money-words($aw/@total, $words-style)"/>)</p>
      </section>
    </document>
  </xsl:template>
</xsl:stylesheet>
