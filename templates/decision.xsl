<?xml version="1.0" encoding="UTF-8"?>
<!--
  decision.xsl: the decision approving and announcing the index, with the
  results attached as an appendix numbered on its own.
  Input: the results XML. Output: a document description (document.xsd).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:import href="official.xsl"/>
  <xsl:import href="legal.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="r" select="/results"/>
  <xsl:variable name="body" select="pp:proper($iss/@name, $iss/@place)"/>
  <xsl:variable name="n" select="$r/summary/@units"/>

  <xsl:template match="/">
    <document title="Quyết định phê duyệt và công bố Chỉ số cải cách hành chính năm {$year}"
              author="{$iss/@name}" subject="Chỉ số cải cách hành chính năm {$year}" lang="vi">
      <page size="A4" orientation="portrait" margin-top="20" margin-bottom="20"
            margin-left="30" margin-right="15" font-size="14"/>
      <section page-numbers="top-center">
        <xsl:call-template name="header"/>
        <p align="center" bold="true" size="14" space-before="6" space-after="0">QUYẾT ĐỊNH</p>
        <!-- the title names all that its articles approve: the index
             (Điều 1) and the ratings of the heads (Điều 2), as the Hà Tĩnh
             2023 decision does -->
        <p align="center" bold="true" size="14" space-after="0">Phê duyệt và công bố Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> và kết quả đánh giá mức độ hoàn thành nhiệm vụ của người đứng đầu trong thực hiện cải cách hành chính</p>
        <rule width="40" align="center" space-after="10"/>
        <!-- a decision of the chairman (docs/domain.md): its preamble and its
             signature block say so -->
        <p align="center" bold="true" size="14" space-after="10"><xsl:value-of select="concat('CHỦ TỊCH ', $iss/@name)"/></p>
        <xsl:call-template name="basis"><xsl:with-param name="text"><xsl:call-template name="basis-local-government"/></xsl:with-param></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text"><xsl:call-template name="basis-program"/></xsl:with-param></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text">Căn cứ <xsl:call-template name="scheme-title"><xsl:with-param name="s" select="$r/scheme"/></xsl:call-template></xsl:with-param></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text" select="concat('Căn cứ kết quả thẩm định, xác định Chỉ số cải cách hành chính năm ', $year, ' của Hội đồng thẩm định')"/></xsl:call-template>
        <xsl:call-template name="basis"><xsl:with-param name="text" select="concat('Theo đề nghị của ', $proposer)"/><xsl:with-param name="last" select="true()"/></xsl:call-template>
        <p align="center" bold="true" size="14" space-before="6" space-after="6">QUYẾT ĐỊNH:</p>
        <p align="justify" indent="12.7" keep-together="true"><b>Điều 1.</b> Phê duyệt và công bố Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> của <xsl:value-of select="pp:money($n)"/> đơn vị<xsl:if test="$r/summary/@has-blocks = 'true'"> thuộc <xsl:value-of select="$r/summary/@blocks"/> khối</xsl:if> (chi tiết tại Phụ lục kèm theo Quyết định này), trong đó:</p>
        <xsl:for-each select="$r/block">
          <xsl:variable name="b" select="."/>
          <p align="justify" indent="12.7">
            <xsl:text>- </xsl:text>
            <xsl:choose>
              <xsl:when test="@name != ''"><xsl:value-of select="concat(@name, ': chỉ số trung bình đạt ', @mean-text, '%; ')"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="concat('Chỉ số trung bình đạt ', @mean-text, '%; ')"/></xsl:otherwise>
            </xsl:choose>
            <xsl:for-each select="$r/tiers/tier">
              <xsl:variable name="t" select="@n"/>
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:value-of select="concat(pp:lower(substring(@label, 1, 1)), substring(@label, 2), ': ')"/>
              <xsl:choose>
                <xsl:when test="count($b/unit[@tier = $t]) = 0">không có đơn vị nào</xsl:when>
                <xsl:otherwise><xsl:value-of select="concat(pp:money(count($b/unit[@tier = $t])), ' đơn vị')"/></xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:for-each>
        <p align="justify" indent="12.7" keep-together="true"><b>Điều 2.</b> Kết quả Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> là căn cứ đánh giá, xếp loại mức độ hoàn thành nhiệm vụ của người đứng đầu và xét thi đua, khen thưởng năm <xsl:value-of select="$year"/>: <xsl:for-each select="$r/ratings/rating"><xsl:if test="position() &gt; 1">; </xsl:if><xsl:value-of select="concat(@label, ': ')"/><xsl:choose><xsl:when test="@count = 0">không có người nào</xsl:when><xsl:otherwise><xsl:value-of select="concat(pp:money(@count), ' người')"/></xsl:otherwise></xsl:choose></xsl:for-each>.<xsl:if test="$r/flags/flag[@count &gt; 0]"> Người đứng đầu các đơn vị có lĩnh vực <xsl:for-each select="$r/flags/flag[@count &gt; 0]"><xsl:if test="position() &gt; 1"> hoặc lĩnh vực </xsl:if><xsl:value-of select="concat('“', @field-name, '” đạt dưới ', @below-text, '%')"/></xsl:for-each> số điểm tối đa (ghi chú tại Phụ lục) có trách nhiệm làm rõ nguyên nhân và có giải pháp khắc phục.</xsl:if></p>
        <p align="justify" indent="12.7" keep-together="true"><b>Điều 3.</b> Quyết định này có hiệu lực kể từ ngày ký. <xsl:value-of select="$charged"/>, thủ trưởng các cơ quan, đơn vị có liên quan và người đứng đầu các đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.</p>
        <xsl:call-template name="signature"/>
      </section>

      <section page-numbers="top-center" restart="yes">
        <p align="center" bold="true" size="14" space-after="0">Phụ lục</p>
        <p align="center" bold="true" size="13" space-after="0">KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></p>
        <p align="center" italic="true" size="13" space-after="10">(Kèm theo Quyết định số <xsl:call-template name="number-only"/> ngày <xsl:value-of select="substring-after($ann/@date-legal, 'ngày ')"/> của <xsl:value-of select="concat('Chủ tịch ', $body)"/>)</p>
        <xsl:for-each select="$r/block">
          <xsl:if test="@name != ''">
            <p align="left" bold="true" size="13" keep-with-next="true"><xsl:value-of select="concat(position(), '. ', @name)"/></p>
          </xsl:if>
          <table size="10" header-rows="1" widths="6 25 8 7 8 6 28 12">
            <row header="true">
              <cell align="center" bold="true">STT</cell>
              <cell align="center" bold="true">Đơn vị</cell>
              <cell align="center" bold="true">Điểm đạt</cell>
              <cell align="center" bold="true">Điểm tối đa</cell>
              <cell align="center" bold="true">Chỉ số (%)</cell>
              <cell align="center" bold="true">Xếp hạng</cell>
              <cell align="center" bold="true">Xếp loại người đứng đầu</cell>
              <cell align="center" bold="true">Ghi chú</cell>
            </row>
            <rows source="block" key="{@id}">
              <cell align="center" field="pos"/>
              <cell align="left" field="label" capital="true"/>
              <cell align="right" field="achieved-text"/>
              <cell align="right" field="max-text"/>
              <cell align="right" bold="true" field="index-text"/>
              <cell align="center" field="rank"/>
              <cell align="left" field="rating-label"/>
              <cell align="left" if="flags">Làm rõ trách nhiệm</cell>
              <cell align="left" unless="flags"/>
            </rows>
          </table>
        </xsl:for-each>
      </section>
    </document>
  </xsl:template>
</xsl:stylesheet>
