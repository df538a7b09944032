/* test_xlsx_read.c - reading workbooks written by other programs: shared,
 * rich and inline strings, numbers, formulas' cached values, cells
 * without an address, prefixed elements, defined names; and the limits:
 * a zip bomb, a DTD, an entity are refused. Score cells as typed. */
#include "cu.h"
#include "packet/forms.h"
#include "render/xlsx/xlsx_read.h"
#include "base/zip.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static const char S_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";
static const char S_wb[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats."
    "org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org"
    "/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"Ghi chép\" sheetId=\"2\" r:id=\"rId2\"/>"
    "<sheet name=\"Phiếu\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
    "<definedNames><definedName name=\"PP_UNIT\">'Phiếu'!$B$4</definedName>"
    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">x</definedName>"
    "</definedNames></workbook>";
static const char S_wb_rels[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas."
    "openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://x/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://x/worksheet\" "
    "Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://x/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";
static const char S_sst[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><si><t>Mã</t></si>"
    "<si><r><t>Tự </t></r><r><rPr><b/></rPr><t>đánh giá</t></r>"
    "<rPh><t>ignored</t></rPh></si><si><t/></si></sst>";
/* Sheet "Phiếu": prefixed elements, a shared, a rich, an inline string,
 * a number, a formula with its value, cells without an address. */
static const char S_sheet1[] =
    "<?xml version=\"1.0\"?><x:worksheet xmlns:x=\"http://schemas."
    "openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
    "<x:row r=\"4\"><x:c r=\"A4\" t=\"s\"><x:v>0</x:v></x:c>"
    "<x:c r=\"B4\" t=\"inlineStr\"><x:is><x:t>thong-nhat</x:t></x:is></x:c>"
    "</x:row><x:row><x:c t=\"s\"><x:v>1</x:v></x:c><x:c><x:v>1.5</x:v></x:c>"
    "<x:c r=\"D5\"><x:f>SUM(A1:A2)</x:f><x:v>2</x:v></x:c>"
    "<x:c r=\"E5\" t=\"str\"><x:f>\"a\"</x:f><x:v>a</x:v></x:c>"
    "<x:c r=\"F5\" s=\"1\"/></x:row></x:sheetData></x:worksheet>";
static const char S_sheet2[] =
    "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas."
    "openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"AB12\" t=\"b\"><v>1</v></c></row></sheetData>"
    "</worksheet>";

/* A workbook of the parts above, sheet1 replaced by `sheet1` of len n. */
static int S_make(const char *path, const char *sheet1, size_t n, int own)
{
    int err = 0;
    pp_zip_writer *w = pp_zip_writer_open(path, 1679011200, &err);
    if (!w)
        return err;
    pp_zip_writer_add(w, "_rels/.rels", (void *)S_rels, strlen(S_rels), 0);
    pp_zip_writer_add(w, "xl/workbook.xml", (void *)S_wb, strlen(S_wb), 0);
    pp_zip_writer_add(w, "xl/_rels/workbook.xml.rels", (void *)S_wb_rels,
                      strlen(S_wb_rels), 0);
    pp_zip_writer_add(w, "xl/sharedStrings.xml", (void *)S_sst, strlen(S_sst),
                      0);
    pp_zip_writer_add(w, "xl/worksheets/sheet1.xml", (void *)sheet1, n, own);
    pp_zip_writer_add(w, "xl/worksheets/sheet2.xml", (void *)S_sheet2,
                      strlen(S_sheet2), 0);
    return pp_zip_writer_close(w);
}

static char S_seen[2048];

static int S_cell(void *ctx, const pp_xcell *c)
{
    size_t n = strlen(S_seen);
    (void)ctx;
    snprintf(S_seen + n, sizeof S_seen - n, "%ld,%ld,%d,%d,%s;", c->row,
             c->col, (int)c->kind, c->formula, c->text);
    return 0;
}

/* Stops the reading at the second cell. */
static int S_two(void *ctx, const pp_xcell *c)
{
    int *n = ctx;
    (void)c;
    return ++*n == 2;
}

static void test_cells(void)
{
    pp_diags d = {0};
    pp_xbook *b = NULL;
    long r, c;
    CU_ASSERT_EQUAL_FATAL(S_make(cu_path("a.xlsx"), S_sheet1, strlen(S_sheet1), 0), 0);
    CU_ASSERT_EQUAL(pp_xbook_open(cu_path("a.xlsx"), &b, &d), PP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(pp_xbook_nsheets(b), 2);
    CU_ASSERT_STRING_EQUAL(pp_xbook_sheet_name(b, 1), "Phiếu");
    CU_ASSERT_STRING_EQUAL(pp_xbook_defined(b, "pp_unit"), "'Phiếu'!$B$4");
    CU_ASSERT_PTR_NULL(pp_xbook_defined(b, "_xlnm.Print_Titles"));
    S_seen[0] = 0;
    CU_ASSERT_EQUAL(pp_xbook_sheet_read(b, 1, S_cell, NULL, &d), PP_OK);
    CU_ASSERT_STRING_EQUAL(S_seen, "3,0,2,0,Mã;3,1,2,0,thong-nhat;"
                                   "4,0,2,0,Tự đánh giá;4,1,1,0,1.5;"
                                   "4,3,1,1,2;4,4,2,1,a;");
    S_seen[0] = 0;
    CU_ASSERT_EQUAL(pp_xbook_sheet_read(b, 0, S_cell, NULL, &d), PP_OK);
    CU_ASSERT_STRING_EQUAL(S_seen, "11,27,3,0,1;");
    CU_ASSERT_EQUAL(d.len, 0);
    {
        /* a callback that stops the reading: no failure */
        int n = 0;
        CU_ASSERT_EQUAL(pp_xbook_sheet_read(b, 1, S_two, &n, &d), PP_OK);
        CU_ASSERT_EQUAL(n, 2);
        CU_ASSERT_EQUAL(d.len, 0);
    }
    pp_xbook_close(b);
    CU_ASSERT_EQUAL(pp_xcell_parse("$B$4", &r, &c), 0);
    CU_ASSERT(r == 3 && c == 1);
    CU_ASSERT_EQUAL(pp_xcell_parse("AB12", &r, &c), 0);
    CU_ASSERT(r == 11 && c == 27);
    CU_ASSERT_EQUAL(pp_xcell_parse("B0", &r, &c), -1);
    CU_ASSERT_EQUAL(pp_xcell_parse("4", &r, &c), -1);
}

/* 60 MB of one sheet, deflated to a few hundred KB: refused. */
static void test_zip_bomb(void)
{
    size_t n = 60u << 20;
    char *big = malloc(n);
    pp_diags d = {0};
    pp_xbook *b = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(big);
    memset(big, ' ', n);
    memcpy(big, "<worksheet>", 11);
    CU_ASSERT_EQUAL_FATAL(S_make(cu_path("bomb.xlsx"), big, n, 1), 0);
    CU_ASSERT_EQUAL(pp_xbook_open(cu_path("bomb.xlsx"), &b, &d), PP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_EQUAL(pp_xbook_sheet_read(b, 1, S_cell, NULL, &d), PP_E_INPUT);
    CU_ASSERT_EQUAL_FATAL(d.len, 1);
    CU_ASSERT(d.items[0].message[0] != 0);
    pp_xbook_close(b);
    pp_diags_free(&d);
}

/* A DTD (and so any entity) is refused, not expanded. */
static void test_dtd(void)
{
    static const char laughs[] =
        "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;\">]><worksheet><sheetData><row r=\"1\">"
        "<c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row>"
        "</sheetData></worksheet>";
    pp_diags d = {0};
    pp_xbook *b = NULL;
    CU_ASSERT_EQUAL_FATAL(S_make(cu_path("dtd.xlsx"), laughs, strlen(laughs), 0), 0);
    CU_ASSERT_EQUAL(pp_xbook_open(cu_path("dtd.xlsx"), &b, &d), PP_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    S_seen[0] = 0;
    CU_ASSERT_EQUAL(pp_xbook_sheet_read(b, 1, S_cell, NULL, &d), PP_E_INPUT);
    CU_ASSERT_EQUAL_FATAL(d.len, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.items[0].message, "DTD"));
    CU_ASSERT_STRING_EQUAL(S_seen, "");
    pp_xbook_close(b);
    pp_diags_free(&d);
}

static void test_not_xlsx(void)
{
    pp_diags d = {0};
    pp_xbook *b = NULL;
    CU_ASSERT_EQUAL_FATAL(cu_spit(cu_path("t.xlsx"), "plain text"), 0);
    CU_ASSERT_EQUAL(pp_xbook_open(cu_path("t.xlsx"), &b, &d), PP_E_INPUT);
    CU_ASSERT_PTR_NULL(b);
    CU_ASSERT_EQUAL_FATAL(d.len, 1);
    CU_ASSERT(d.items[0].message[0] != 0);
    pp_diags_free(&d);
}

/* Score cells the way people type them. */
static void test_score_parse(void)
{
    pp_milli v = 0;
    CU_ASSERT_EQUAL(pp_form_score_parse("1,5", &v), 1);
    CU_ASSERT_EQUAL(v, 1500);
    CU_ASSERT_EQUAL(pp_form_score_parse(" 0.75 ", &v), 1);
    CU_ASSERT_EQUAL(v, 750);
    CU_ASSERT_EQUAL(pp_form_score_parse("\xc2\xa0" "2\xc2\xa0", &v), 1);
    CU_ASSERT_EQUAL(v, 2000);
    CU_ASSERT_EQUAL(pp_form_score_parse("-1", &v), 1);
    CU_ASSERT_EQUAL(v, -1000);
    CU_ASSERT_EQUAL(pp_form_score_parse("KAD", &v), 2);
    CU_ASSERT_EQUAL(pp_form_score_parse(" kad", &v), 2);
    CU_ASSERT_EQUAL(pp_form_score_parse("  ", &v), 0);
    CU_ASSERT_EQUAL(pp_form_score_parse("1.2345", &v), -2);
    CU_ASSERT_EQUAL(pp_form_score_parse("1.000,5", &v), -1);
    CU_ASSERT_EQUAL(pp_form_score_parse("1,5,5", &v), -1);
    CU_ASSERT_EQUAL(pp_form_score_parse("abc", &v), -1);
    CU_ASSERT_EQUAL(pp_form_score_parse("1.5đ", &v), -1);
}

int main(void)
{
    static const cu_test tests[] = {
        {"cells of any writer", test_cells},
        {"zip bomb refused", test_zip_bomb},
        {"DTD refused", test_dtd},
        {"not a workbook", test_not_xlsx},
        {"score cells", test_score_parse},
        {NULL, NULL}};
    if (cu_tmpdir("xr") != 0)
        return 1;
    return cu_main("xlsx_read", tests);
}
