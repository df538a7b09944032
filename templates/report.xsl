<?xml version="1.0" encoding="UTF-8"?>
<!--
  report.xsl: the announcement report read at the conference.
  Input: the results XML (docs/results.md). Output: a document
  description (docs/document.md, document.xsd) for the PDF renderer.
  Every sentence of the report is here; change the wording freely.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pp="urn:parpack" exclude-result-prefixes="pp">
  <xsl:import href="common.xsl"/>
  <xsl:import href="official.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:variable name="r" select="/results"/>
  <xsl:variable name="blocks" select="$r/block"/>
  <xsl:variable name="multi" select="count($blocks) &gt; 1"/>
  <xsl:variable name="prev" select="$r/@previous-year"/>

  <xsl:template match="/">
    <document title="Báo cáo kết quả Chỉ số cải cách hành chính năm {$year}"
              author="{$iss/@name}" subject="Chỉ số cải cách hành chính năm {$year}"
              lang="vi">
      <page size="A4" orientation="portrait" margin-top="20" margin-bottom="20"
            margin-left="30" margin-right="15" font-size="14"/>
      <section page-numbers="top-center">
        <xsl:call-template name="header"><xsl:with-param name="type" select="'BC'"/></xsl:call-template>
        <p align="center" bold="true" size="14" space-before="6" space-after="0">BÁO CÁO</p>
        <p align="center" bold="true" size="14" space-after="0">Kết quả xác định Chỉ số cải cách hành chính năm <xsl:value-of select="$year"/></p>
        <rule width="40" align="center" space-after="12"/>

        <p align="justify" bold="true" keep-with-next="true">I. KHÁI QUÁT</p>
        <p align="justify" indent="12.7">
          <xsl:text>Thực hiện </xsl:text><xsl:call-template name="scheme-title"><xsl:with-param name="s" select="$r/scheme"/></xsl:call-template>
          <xsl:text>, việc đánh giá, xác định Chỉ số cải cách hành chính năm </xsl:text>
          <xsl:value-of select="$year"/><xsl:text> đối với </xsl:text>
          <xsl:value-of select="pp:money($r/summary/@units)"/><xsl:text> đơn vị</xsl:text>
          <xsl:if test="$multi">
            <xsl:text> thuộc </xsl:text><xsl:value-of select="count($blocks)"/><xsl:text> khối (</xsl:text>
            <xsl:for-each select="$blocks">
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:value-of select="concat(@name, ': ', pp:money(@count), ' đơn vị')"/>
            </xsl:for-each>
            <xsl:text>)</xsl:text>
          </xsl:if>
          <xsl:text> đã hoàn thành. Chỉ số được xác định trên </xsl:text>
          <xsl:value-of select="$r/scheme/@fields"/><xsl:text> lĩnh vực, </xsl:text>
          <xsl:value-of select="pp:money($r/scheme/@leaves)"/>
          <xsl:text> tiêu chí, tiêu chí thành phần với tổng điểm tối đa </xsl:text>
          <xsl:value-of select="$r/scheme/@max-text"/><xsl:text> điểm, gồm: </xsl:text>
          <xsl:for-each select="$r/scheme/field">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:value-of select="concat(@name, ' (', @max-text, ' điểm)')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
        <p align="justify" indent="12.7">
          <xsl:text>Công tác đánh giá được thực hiện bằng các phương pháp: đơn vị tự đánh giá, chấm điểm; Hội đồng thẩm định thẩm định, đánh giá lại từng tiêu chí</xsl:text>
          <xsl:if test="$r/scheme/*[@source = 'survey']">
            <xsl:text>; điều tra xã hội học đối với </xsl:text>
            <xsl:value-of select="pp:money(count($r/scheme/*[@source = 'survey']))"/>
            <xsl:text> tiêu chí</xsl:text>
          </xsl:if>
          <xsl:text>. Chỉ số của mỗi đơn vị là tỷ lệ phần trăm giữa tổng điểm đạt được và tổng điểm tối đa của các tiêu chí áp dụng đối với đơn vị.</xsl:text>
        </p>

        <p align="justify" bold="true" keep-with-next="true">II. KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></p>
        <xsl:for-each select="$blocks">
          <xsl:call-template name="block"/>
        </xsl:for-each>

        <p align="justify" bold="true" keep-with-next="true">III. XẾP LOẠI NGƯỜI ĐỨNG ĐẦU VỀ CẢI CÁCH HÀNH CHÍNH</p>
        <xsl:call-template name="ratings"/>

        <xsl:if test="$r/flags/flag">
          <p align="justify" bold="true" keep-with-next="true">IV. LÀM RÕ TRÁCH NHIỆM NGƯỜI ĐỨNG ĐẦU</p>
          <xsl:call-template name="flags"/>
        </xsl:if>

        <p align="justify" bold="true" keep-with-next="true">
          <xsl:choose><xsl:when test="$r/flags/flag">V</xsl:when><xsl:otherwise>IV</xsl:otherwise></xsl:choose>
          <xsl:text>. BIỂU ĐỒ VÀ BẢNG TỔNG HỢP</xsl:text>
        </p>
        <p align="justify" indent="12.7">Chỉ số của từng đơn vị được thể hiện tại biểu đồ và bảng tổng hợp kèm theo Báo cáo này.</p>

        <!-- the committee's report: "TM. ỦY BAN NHÂN DÂN"; no articles, so
             no "Như Điều 3" among the recipients -->
        <xsl:call-template name="signature">
          <xsl:with-param name="collective" select="true()"/>
          <xsl:with-param name="articles" select="false()"/>
        </xsl:call-template>
      </section>

      <!-- the appendix on landscape pages: its table has a column a field
           besides rank, name, points, index, tier and rating -->
      <section page-numbers="top-center" restart="yes" number-first="no" orientation="landscape">
        <p align="center" bold="true" size="14" space-after="0">PHỤ LỤC</p>
        <p align="center" bold="true" size="13" space-after="0">BIỂU ĐỒ VÀ BẢNG TỔNG HỢP CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM <xsl:value-of select="$year"/></p>
        <p align="center" italic="true" size="13" space-after="12">(Kèm theo Báo cáo số <xsl:call-template name="number-only"><xsl:with-param name="type" select="'BC'"/></xsl:call-template> ngày <xsl:value-of select="substring-after($ann/@date-legal, 'ngày ')"/> của <xsl:value-of select="pp:proper($iss/@name, $iss/@place)"/>)</p>
        <xsl:for-each select="$blocks">
          <xsl:if test="$multi">
            <p align="left" bold="true" size="13" keep-with-next="true"><xsl:value-of select="concat(position(), '. ', @name)"/></p>
          </xsl:if>
          <!-- one honest scale: from 0 to 100 in the PDF, the DOCX and the
               workbook alike; the tiers' thresholds marked -->
          <chart type="hbar" min="0" max="100" title="Chỉ số cải cách hành chính năm {$year} (%)">
            <xsl:for-each select="$r/tiers/tier[@min &gt; 0]">
              <mark value="{@min}" label="{@min-text}%"/>
            </xsl:for-each>
            <xsl:for-each select="unit">
              <bar label="{concat(pp:upper(substring(@label, 1, 1)), substring(@label, 2))}" value="{@index}" text="{@index-text}"/>
            </xsl:for-each>
          </chart>
          <space height="4"/>
          <xsl:call-template name="full-table"/>
          <space height="4"/>
        </xsl:for-each>
        <p align="left" italic="true" size="11">
          <xsl:text>Ghi chú: </xsl:text>
          <xsl:for-each select="$r/scheme/field">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:value-of select="concat('LV', position(), ': ', @name, ' (', @max-text, ' điểm)')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </section>
    </document>
  </xsl:template>

  <!-- one block: counts, mean, tiers, top and bottom three, rises, self vs appraised -->
  <xsl:template name="block">
    <xsl:variable name="b" select="."/>
    <xsl:variable name="n" select="@count"/>
    <xsl:if test="$multi">
      <p align="justify" bold="true" keep-with-next="true"><xsl:value-of select="concat(position(), '. ', @name)"/></p>
    </xsl:if>
    <p align="justify" indent="12.7">
      <xsl:if test="$multi"><xsl:value-of select="concat(@name, ': ')"/></xsl:if>
      <xsl:value-of select="concat('Kết quả ', pp:money($n), '/', pp:money($n), ' đơn vị có chỉ số trung bình (tỷ lệ bình quân) đạt ', @mean-text, '%; cao nhất ', @highest-text, '%, thấp nhất ', @lowest-text, '%.')"/>
    </p>
    <p align="justify" italic="true" indent="12.7" keep-with-next="true">a) Kết quả theo nhóm:</p>
    <xsl:for-each select="$r/tiers/tier">
      <xsl:variable name="t" select="@n"/>
      <xsl:variable name="members" select="$b/unit[@tier = $t]"/>
      <p align="justify" indent="12.7">
        <xsl:text>- Nhóm đạt chỉ số </xsl:text>
        <xsl:call-template name="tier-words"/>
        <xsl:choose>
          <xsl:when test="count($members) = 0">: không có đơn vị nào.</xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat(': có ', pp:money(count($members)), ' đơn vị, gồm: ')"/>
            <xsl:call-template name="name-list"><xsl:with-param name="units" select="$members"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:for-each>

    <p align="justify" italic="true" indent="12.7" keep-with-next="true">b) Đơn vị dẫn đầu và đơn vị có chỉ số thấp nhất:</p>
    <!-- the first three ranks, every unit that shares one named with it
         ("An Lão và Ân Thi cùng đạt 91,00% số điểm, cùng dẫn đầu …;
         Bình Minh … đứng thứ ba": a shared rank skips the next) -->
    <p align="justify" indent="12.7">
      <xsl:for-each select="unit[@rank &lt;= 3][not(@rank = preceding-sibling::unit/@rank)]">
        <xsl:variable name="rk" select="@rank"/>
        <xsl:variable name="g" select="../unit[@rank = $rk]"/>
        <xsl:variable name="many" select="count($g) &gt; 1"/>
        <xsl:if test="position() &gt; 1">; </xsl:if>
        <xsl:call-template name="title-list"><xsl:with-param name="units" select="$g"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="$many"><xsl:value-of select="concat(' cùng đạt ', @index-text, '% số điểm, cùng ')"/></xsl:when>
          <xsl:when test="$rk = 1"><xsl:value-of select="concat(' với ', @index-text, '% số điểm, ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat(' với ', @index-text, '% số điểm ')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:choose>
          <xsl:when test="$rk = 1">dẫn đầu về chỉ số cải cách hành chính</xsl:when>
          <xsl:when test="$rk = 2">đứng thứ hai</xsl:when>
          <xsl:otherwise>đứng thứ ba</xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </p>
    <!-- the three lowest places, and every unit tied with the third
         lowest, but for those the first three places named already (a
         block of four or five: "Bình Minh … đứng thứ hai" is not among
         the lowest); the lowest index, with every unit that shares it;
         one unit left is named alone -->
    <xsl:variable name="cut" select="unit[last() - 2]/@index"/>
    <xsl:variable name="low" select="unit[@index &lt;= $cut][@rank &gt; 3]"/>
    <xsl:variable name="lowest" select="unit[last()]/@index"/>
    <xsl:if test="$n &gt; 3 and unit[1]/@index &gt; $lowest and count($low) = 1">
      <p align="justify" indent="12.7">
        <xsl:call-template name="title-list"><xsl:with-param name="units" select="$low"/></xsl:call-template>
        <xsl:value-of select="concat(' với ', $low/@index-text, '% số điểm có chỉ số thấp nhất.')"/>
      </p>
    </xsl:if>
    <xsl:if test="$n &gt; 3 and unit[1]/@index &gt; $lowest and count($low) &gt; 1">
      <xsl:variable name="w" select="pp:number-words(count($low))"/>
      <p align="justify" indent="12.7">
        <xsl:value-of select="concat(pp:upper(substring($w, 1, 1)), substring($w, 2), ' đơn vị có chỉ số thấp nhất gồm: ')"/>
        <xsl:for-each select="$low">
          <xsl:if test="position() &gt; 1">
            <xsl:choose>
              <xsl:when test="position() = last()"> và </xsl:when>
              <xsl:otherwise>, </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:value-of select="concat(@label, ' (', @index-text, '%)')"/>
        </xsl:for-each>
        <xsl:text>; trong đó </xsl:text>
        <xsl:variable name="last" select="unit[@index = $lowest]"/>
        <xsl:call-template name="title-list"><xsl:with-param name="units" select="$last"/></xsl:call-template>
        <xsl:choose>
          <xsl:when test="count($last) &gt; 1"><xsl:value-of select="concat(' cùng có chỉ số thấp nhất với ', unit[last()]/@index-text, '% số điểm.')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="concat(' với ', unit[last()]/@index-text, '% số điểm có chỉ số thấp nhất.')"/></xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:if>

    <xsl:if test="$prev">
      <p align="justify" italic="true" indent="12.7" keep-with-next="true">c) So với năm <xsl:value-of select="$prev"/>:</p>
      <xsl:variable name="up" select="unit[@delta &gt; 0]"/>
      <xsl:variable name="down" select="unit[@delta &lt; 0]"/>
      <!-- the cut of each "most" list: the 5th greatest rise, the 3rd
           greatest fall and gain of points; every unit level with the
           cut is named too (four communes fell 5 places: all four) -->
      <xsl:variable name="upcut"><xsl:for-each select="$up"><xsl:sort select="@delta" data-type="number" order="descending"/><xsl:if test="position() = 5 or (position() = last() and last() &lt; 5)"><xsl:value-of select="@delta"/></xsl:if></xsl:for-each></xsl:variable>
      <xsl:variable name="downcut"><xsl:for-each select="$down"><xsl:sort select="@delta" data-type="number" order="ascending"/><xsl:if test="position() = 3 or (position() = last() and last() &lt; 3)"><xsl:value-of select="@delta"/></xsl:if></xsl:for-each></xsl:variable>
      <xsl:variable name="same" select="unit[@delta = 0]"/>
      <xsl:variable name="new" select="unit[@new = 'true']"/>
      <p align="justify" indent="12.7">
        <xsl:choose>
          <xsl:when test="$up"><xsl:value-of select="concat('Có ', pp:money(count($up)), ' đơn vị tăng bậc')"/></xsl:when>
          <xsl:otherwise>Không có đơn vị nào tăng bậc</xsl:otherwise>
        </xsl:choose>
        <xsl:choose>
          <xsl:when test="$down"><xsl:value-of select="concat(', ', pp:money(count($down)), ' đơn vị giảm bậc')"/></xsl:when>
          <xsl:otherwise>, không có đơn vị nào giảm bậc</xsl:otherwise>
        </xsl:choose>
        <xsl:choose>
          <xsl:when test="$same"><xsl:value-of select="concat(', ', pp:money(count($same)), ' đơn vị giữ nguyên thứ hạng')"/></xsl:when>
          <xsl:otherwise>, không có đơn vị nào giữ nguyên thứ hạng</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$new"><xsl:value-of select="concat(', ', pp:money(count($new)), ' đơn vị mới')"/></xsl:if>
        <xsl:text>.</xsl:text>
        <xsl:if test="$up">
          <xsl:text> Các đơn vị tăng nhiều bậc nhất: </xsl:text>
          <xsl:for-each select="$up[@delta &gt;= $upcut]">
            <xsl:sort select="@delta" data-type="number" order="descending"/>
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:call-template name="unit-title"/>
            <xsl:value-of select="concat(' tăng ', pp:money(@delta), ' bậc (từ thứ ', pp:money(@previous-rank), ' lên thứ ', pp:money(@rank), ')')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </xsl:if>
        <xsl:if test="$down">
          <xsl:text> Giảm nhiều bậc nhất: </xsl:text>
          <xsl:for-each select="$down[@delta &lt;= $downcut]">
            <xsl:sort select="@delta" data-type="number" order="ascending"/>
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:value-of select="concat(@label, ' giảm ', pp:money(@delta-abs), ' bậc')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </xsl:if>
      </p>
      <xsl:variable name="gain" select="unit[@index-change &gt; 0]"/>
      <xsl:if test="$gain">
        <xsl:variable name="gaincut"><xsl:for-each select="$gain"><xsl:sort select="@index-change" data-type="number" order="descending"/><xsl:if test="position() = 3 or (position() = last() and last() &lt; 3)"><xsl:value-of select="@index-change"/></xsl:if></xsl:for-each></xsl:variable>
        <p align="justify" indent="12.7">
          <xsl:text>Về điểm số, các đơn vị có chỉ số tăng nhiều nhất so với năm </xsl:text><xsl:value-of select="$prev"/><xsl:text>: </xsl:text>
          <xsl:for-each select="$gain[@index-change &gt;= $gaincut]">
            <xsl:sort select="@index-change" data-type="number" order="descending"/>
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:value-of select="concat(@label, ' ', @index-text, '%, cao hơn ', @index-change-abs-text, ' điểm')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </xsl:if>

    <p align="justify" italic="true" indent="12.7" keep-with-next="true">
      <xsl:choose><xsl:when test="$prev">d</xsl:when><xsl:otherwise>c</xsl:otherwise></xsl:choose>
      <xsl:text>) Tự đánh giá và kết quả thẩm định:</xsl:text>
    </p>
    <xsl:variable name="over" select="unit[@self-gap &gt; 0]"/>
    <p align="justify" indent="12.7">
      <xsl:choose>
        <!-- what the figures show, and no more: a file without the
             units' own points (self-assessed = appraised) does not show
             that they agree, nor does one where a unit scored itself
             lower than the council -->
        <xsl:when test="count($over) = 0">Không có đơn vị nào tự chấm điểm cao hơn kết quả thẩm định.</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('Có ', pp:money(count($over)), '/', pp:money($n), ' đơn vị tự chấm điểm cao hơn kết quả thẩm định; chênh lệch nhiều nhất: ')"/>
          <xsl:variable name="gapcut"><xsl:for-each select="$over"><xsl:sort select="@self-gap" data-type="number" order="descending"/><xsl:if test="position() = 3 or (position() = last() and last() &lt; 3)"><xsl:value-of select="@self-gap"/></xsl:if></xsl:for-each></xsl:variable>
          <xsl:for-each select="$over[@self-gap &gt;= $gapcut]">
            <xsl:sort select="@self-gap" data-type="number" order="descending"/>
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:value-of select="concat(@label, ' tự chấm ', @self-text, ' điểm, thẩm định ', @achieved-text, ' điểm (chênh ', @self-gap-text, ' điểm)')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- "từ 80% đến dưới 90% số điểm so với điểm tối đa" from a tier -->
  <xsl:template name="tier-words">
    <xsl:choose>
      <xsl:when test="@min &gt; 0 and @below">
        <xsl:value-of select="concat('từ ', @min-text, '% đến dưới ', @below-text, '% số điểm so với điểm tối đa')"/>
      </xsl:when>
      <xsl:when test="@min &gt; 0">
        <xsl:value-of select="concat('từ ', @min-text, '% số điểm trở lên so với điểm tối đa')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('dưới ', @below-text, '% số điểm so với điểm tối đa')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- head ratings: lists, counts against last year, demotions -->
  <xsl:template name="ratings">
    <xsl:for-each select="$r/ratings/rating">
      <xsl:variable name="id" select="@id"/>
      <xsl:variable name="members" select="$blocks/unit[@rating = $id]"/>
      <p align="justify" indent="12.7">
        <xsl:text>- </xsl:text>
        <xsl:choose>
          <xsl:when test="count($members) = 0">Không có người đứng đầu nào xếp loại </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('Có ', pp:money(count($members)), ' người đứng đầu xếp loại ')"/></xsl:otherwise>
        </xsl:choose>
        <xsl:text>“</xsl:text><xsl:value-of select="@label"/><xsl:text>”</xsl:text>
        <xsl:if test="count($members) &gt; 0">
          <xsl:text>, gồm: </xsl:text>
          <xsl:call-template name="name-list"><xsl:with-param name="units" select="$members"/></xsl:call-template>
        </xsl:if>
        <xsl:if test="@previous-count">
          <xsl:choose>
            <xsl:when test="@change &gt; 0"><xsl:value-of select="concat('; tăng ', pp:money(@change), ' người so với năm ', $prev)"/></xsl:when>
            <xsl:when test="@change &lt; 0"><xsl:value-of select="concat('; giảm ', pp:money(-@change), ' người so với năm ', $prev)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="concat('; bằng năm ', $prev)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:if>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$r/ratings/rating[@field-min]">
      <xsl:variable name="id" select="@id"/>
      <xsl:variable name="dem" select="$blocks/unit[@demoted-from = $id]"/>
      <xsl:if test="$dem">
        <p align="justify" indent="12.7">
          <xsl:value-of select="concat('Có ', pp:money(count($dem)), ' đơn vị có chỉ số tổng hợp đạt từ ', @min-text, '% số điểm trở lên, nhưng có lĩnh vực chưa đạt ', @field-min-text, '% số điểm tối đa, vì vậy không được xếp loại “', @label, '”, gồm: ')"/>
          <xsl:for-each select="$dem">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="concat(@label, ' (', @index-text, '%, xếp loại: ', @rating-label, ')')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- units whose head must account for a weak field -->
  <xsl:template name="flags">
    <xsl:for-each select="$r/flags/flag">
      <xsl:variable name="id" select="@id"/>
      <xsl:variable name="members" select="$blocks/unit[flag/@id = $id]"/>
      <p align="justify" indent="12.7">
        <xsl:choose>
          <xsl:when test="count($members) = 0">
            <xsl:value-of select="concat('Không có đơn vị nào có lĩnh vực “', @field-name, '” đạt dưới ', @below-text, '% số điểm tối đa.')"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat('Có ', pp:money(count($members)), ' đơn vị có lĩnh vực “', @field-name, '” đạt dưới ', @below-text, '% số điểm tối đa, gồm: ')"/>
            <xsl:for-each select="$members">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="concat(@label, ' (', flag[@id = $id]/@pct-text, '%)')"/>
            </xsl:for-each>
            <xsl:text>. Đề nghị người đứng đầu các đơn vị này làm rõ trách nhiệm, có giải pháp khắc phục trong năm tiếp theo.</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- the full table of a block -->
  <xsl:template name="full-table">
    <xsl:variable name="nf" select="count($r/scheme/field)"/>
    <!-- on a landscape page (252 mm of text): the name its room, the
         tier and rating labels on one or two lines, 10 pt -->
    <table size="10" header-rows="1">
      <xsl:attribute name="widths">
        <xsl:text>5.5 17 7 7.5</xsl:text>
        <xsl:for-each select="$r/scheme/field"><xsl:text> 7</xsl:text></xsl:for-each>
        <xsl:text> 20 21</xsl:text>
        <xsl:if test="$prev"><xsl:text> 7</xsl:text></xsl:if>
      </xsl:attribute>
      <row header="true">
        <cell align="center" bold="true">Hạng</cell>
        <cell align="center" bold="true">Đơn vị</cell>
        <cell align="center" bold="true">Điểm</cell>
        <cell align="center" bold="true">Chỉ số (%)</cell>
        <xsl:for-each select="$r/scheme/field">
          <cell align="center" bold="true"><xsl:value-of select="concat('LV', position(), ' (%)')"/></cell>
        </xsl:for-each>
        <cell align="center" bold="true">Nhóm</cell>
        <cell align="center" bold="true">Xếp loại</cell>
        <xsl:if test="$prev"><cell align="center" bold="true">So với <xsl:value-of select="$prev"/></cell></xsl:if>
      </row>
      <!-- one row per unit of the block, repeated by the renderer from the
           block's records (bound rows, docs/document.md) -->
      <rows source="block" key="{@id}">
        <cell align="center" field="rank"/>
        <cell align="left" field="label" capital="true"/>
        <cell align="right" field="achieved-text"/>
        <cell align="right" bold="true" field="index-text"/>
        <xsl:for-each select="$r/scheme/field">
          <cell align="right" field="pct-text:{@id}" if="pct:{@id}"/>
          <cell align="right" unless="pct:{@id}">-</cell>
        </xsl:for-each>
        <cell align="left" field="tier-label"/>
        <cell align="left" field="rating-label"/>
        <xsl:if test="$prev">
          <cell align="center" if="new">mới</cell>
          <cell align="center" field="delta-signed" unless="new"/>
        </xsl:if>
      </rows>
    </table>
  </xsl:template>
</xsl:stylesheet>
