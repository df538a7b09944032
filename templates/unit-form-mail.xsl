<?xml version="1.0" encoding="UTF-8"?>
<!--
  unit-form-mail.xsl: the message that sends each unit its scoring form
  (parpack forms). Input: the form's data, as for unit-form.xsl.
  Output: mail.xsd. The body is plain text: line breaks are kept.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="f" select="/form"/>
  <xsl:variable name="u" select="$f/unit"/>
  <xsl:variable name="year" select="$f/@year"/>

  <xsl:template match="/">
    <xsl:variable name="to"><xsl:call-template name="unit-title"><xsl:with-param name="u" select="$u"/></xsl:call-template></xsl:variable>
    <xsl:variable name="from" select="pp:proper($f/issuer/@name, $f/issuer/@place)"/>
    <mail>
      <!-- the display names, as in the results message -->
      <from><xsl:value-of select="$from"/></from>
      <to><xsl:value-of select="$to"/></to>
      <subject>Phiếu chấm điểm Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> của <xsl:value-of select="$to"/></subject>
      <body>Kính gửi: <xsl:value-of select="$to"/>.

<xsl:value-of select="$from"/> gửi đơn vị phiếu chấm điểm Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/> (tệp đính kèm), theo <xsl:call-template name="scheme-title"><xsl:with-param name="s" select="$f/scheme"/></xsl:call-template>.

Đề nghị đơn vị:
- tự đánh giá, chấm điểm từng tiêu chí vào cột "Tự đánh giá" (một số từ 0 đến điểm tối đa; KAD nếu tiêu chí không áp dụng đối với đơn vị);
- ghi tài liệu kiểm chứng của từng tiêu chí vào cột "Tài liệu kiểm chứng";
- giữ nguyên tên tệp, mã tiêu chí và các ô "Mã đơn vị", "Năm", "Cơ quan", rồi gửi lại phiếu theo địa chỉ thư này<xsl:if test="$f/@deadline-text"> trước <xsl:value-of select="$f/@deadline-text"/></xsl:if>.

Hội đồng thẩm định sẽ ghi điểm thẩm định và ghi chú vào cùng phiếu.
<xsl:if test="$u/@link">
Đơn vị cũng có thể tải phiếu, gửi lại phiếu đã ghi (được kiểm tra ngay), xem kết quả thẩm định và giải trình qua đường dẫn riêng của đơn vị, không cần tài khoản:
<xsl:value-of select="$u/@link"/>
Đường dẫn này chỉ dành cho đơn vị; xin không chuyển cho người khác.
</xsl:if>
Trân trọng.
<xsl:value-of select="$from"/>
</body>
    </mail>
  </xsl:template>
</xsl:stylesheet>
