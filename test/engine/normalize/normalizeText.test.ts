import { isUnsafeText, normalizeText } from "../../../src/engine/normalize/normalizeText";
import { bool, dateCell, err, num, text } from "./cells";

describe("normalizeText", () => {
  it.each([
    ["a name as typed", text("阳光社区党支部"), "阳光社区党支部", "阳光社区党支部"],
    [
      "spaces trimmed, inner runs folded",
      text("  阳光社区   党支部 "),
      "阳光社区 党支部",
      "  阳光社区   党支部 ",
    ],
    [
      "ideographic spaces folded",
      text("\u3000阳光社区\u3000\u3000党支部"),
      "阳光社区 党支部",
      "\u3000阳光社区\u3000\u3000党支部",
    ],
    ["a line break inside", text("湖南省\n蔬菜研究所"), "湖南省 蔬菜研究所", "湖南省\n蔬菜研究所"],
    ["a phone typed as a number", num(13812345678), "13812345678", "13812345678"],
    ["a date cell", dateCell(40693), "2011-05-30", "2011-05-30"],
    ["a boolean", bool(true), "TRUE", "TRUE"],
    ["an error value", err("#N/A"), "#N/A", "#N/A"],
  ])("reads %s", (_case, cell, tidied, display) => {
    expect(normalizeText(cell)).toEqual({ text: tidied, display });
  });

  it.each([
    ["null", null],
    ["empty text", text("")],
    ["spaces only", text("  \t ")],
    ["ideographic spaces only", text("\u3000\u3000")],
  ])("gives null for %s", (_case, cell) => {
    expect(normalizeText(cell)).toBeNull();
  });
});

describe("isUnsafeText", () => {
  it.each([
    ["=SUM(A1:A3)"],
    ["  =1+1"],
    ["@SUM(A1)"],
    ["+A1"],
    ["-A1"],
    ["-cmd|/C calc!A0"],
    ["+=1"],
    ["--1"],
    ["-5+A1"],
    ['+1+HYPERLINK("http://x")'],
  ])("flags %s", (typed) => {
    expect(isUnsafeText(typed)).toBe(true);
  });

  it.each([
    ["-5"],
    ["-5.5"],
    ["-.5"],
    ["+86 731 8888 8888"],
    ["+86-731-88888888"],
    ["+86 (731) 8888 8888"],
    ["-"],
    ["+"],
    ["阳光社区党支部"],
    ["0731-8589101"],
    ["a=b"],
    ["我们@社区"],
    [""],
  ])("lets %s through", (typed) => {
    expect(isUnsafeText(typed)).toBe(false);
  });
});
