import { normalizeVeto } from "../../../src/engine/normalize/normalizeVeto";
import { bool, dateCell, err, num, text } from "./cells";

describe("normalizeVeto", () => {
  it.each([
    ["是", text("是")],
    ["是 with spaces", text(" 是 ")],
    ["Y", text("Y")],
    ["yes", text("Yes")],
    ["full-width ＹＥＳ", text("ＹＥＳ")],
    ["√", text("√")],
    ["有", text("有")],
    ["TRUE text", text("TRUE")],
    ["a TRUE boolean", bool(true)],
  ])("reads %s as a veto", (_case, cell) => {
    expect(normalizeVeto(cell)).toEqual({ kind: "veto", veto: true });
  });

  it.each([
    ["否", text("否")],
    ["N", text("n")],
    ["no", text("NO")],
    ["×", text("×")],
    ["无", text("无")],
    ["traditional 無", text("無")],
    ["FALSE text", text("false")],
    ["a FALSE boolean", bool(false)],
  ])("reads %s as no veto", (_case, cell) => {
    expect(normalizeVeto(cell)).toEqual({ kind: "veto", veto: false });
  });

  it.each([
    ["是否 (both)", text("是否")],
    ["一票否决", text("一票否决")],
    ["待定", text("待定")],
    ["a number 1", num(1)],
    ["a number 0", num(0)],
    ["a date cell", dateCell(40693)],
    ["an error", err("#N/A")],
  ])("refuses %s", (_case, cell) => {
    expect(normalizeVeto(cell)).toEqual({ kind: "invalid" });
  });

  it.each([
    ["null", null],
    ["spaces", text(" \u3000 ")],
  ])("calls %s blank", (_case, cell) => {
    expect(normalizeVeto(cell)).toEqual({ kind: "blank" });
  });
});
