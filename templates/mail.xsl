<?xml version="1.0" encoding="UTF-8"?>
<!--
  mail.xsl: the message sent to each unit with its score sheet attached.
  Input: one unit's results (results/@unit names it). Output: mail.xsd.
  The body is plain text: line breaks are kept as written here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="u" select="/results/block/unit"/>
  <xsl:variable name="b" select="/results/block"/>
  <xsl:variable name="year" select="/results/@year"/>

  <xsl:template match="/">
    <xsl:variable name="to"><xsl:call-template name="unit-title"><xsl:with-param name="u" select="$u"/></xsl:call-template></xsl:variable>
    <mail>
      <!-- the display names: the sender in sentence case (not the
           capitals of the letterhead), the unit as it is addressed -->
      <from><xsl:value-of select="pp:proper(/results/issuer/@name, /results/issuer/@place)"/></from>
      <to><xsl:value-of select="$to"/></to>
      <subject>Kết quả Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> của <xsl:value-of select="$to"/></subject>
      <body>Kính gửi: <xsl:value-of select="$to"/>.

<xsl:value-of select="pp:proper(/results/issuer/@name, /results/issuer/@place)"/> gửi đơn vị bảng điểm Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> (tệp đính kèm).

Kết quả của đơn vị:
- Chỉ số: <xsl:value-of select="$u/@index-text"/>% (<xsl:value-of select="$u/@achieved-text"/>/<xsl:value-of select="$u/@max-text"/> điểm);
- Xếp thứ <xsl:value-of select="$u/@rank"/>/<xsl:value-of select="$b/@count"/><xsl:if test="$b/@name != ''"> trong khối <xsl:value-of select="$b/@name"/></xsl:if><xsl:if test="$u/@previous-rank">, <xsl:call-template name="rank-change"><xsl:with-param name="u" select="$u"/></xsl:call-template> so với năm <xsl:value-of select="$u/@previous-year"/></xsl:if>;
- Nhóm: <xsl:value-of select="$u/@tier-label"/>;
- Xếp loại người đứng đầu về cải cách hành chính: <xsl:value-of select="$u/@rating-label"/>.
<xsl:if test="$u/@demoted = 'true'">
Đơn vị có lĩnh vực đạt dưới <xsl:value-of select="/results/ratings/rating[@id = $u/@demoted-from]/@field-min-text"/>% số điểm tối đa, nên chỉ được xếp loại “<xsl:value-of select="$u/@rating-label"/>”.
</xsl:if><xsl:for-each select="/results/flags/flag[contains(concat(' ', $u/@flags, ' '), concat(' ', @id, ' '))]"><xsl:variable name="id" select="@id"/>
Lưu ý: lĩnh vực “<xsl:value-of select="@field-name"/>” của đơn vị đạt <xsl:value-of select="$u/flag[@id = $id]/@pct-text"/>% số điểm tối đa, dưới <xsl:value-of select="@below-text"/>%; đề nghị người đứng đầu đơn vị làm rõ trách nhiệm, có giải pháp khắc phục trong năm tiếp theo.
</xsl:for-each>
Bảng điểm ghi điểm tự đánh giá, điểm thẩm định và lý do trừ điểm của từng tiêu chí, cùng bảng xếp hạng chung, để đơn vị rà soát, khắc phục hạn chế trong năm tiếp theo.

Trân trọng.
<xsl:value-of select="pp:proper(/results/issuer/@name, /results/issuer/@place)"/>
</body>
    </mail>
  </xsl:template>
</xsl:stylesheet>
