import type { TierCode } from "../../../src/engine/core/domain";
import { normalizeTier } from "../../../src/engine/normalize/normalizeTier";
import { bool, err, num, text } from "./cells";

describe("normalizeTier", () => {
  it.each([
    ["省级", "province"],
    ["省", "province"],
    ["省级示范点", "province"],
    ["省級", "province"],
    [" 省 级 ", "province"],
    ["市级", "city"],
    ["市州级", "city"],
    ["市（州）级", "city"],
    ["市级示范点", "city"],
    ["市", "city"],
    ["地市级", "city"],
    ["市級示範點", "city"],
    ["县级", "county"],
    ["县市区级", "county"],
    ["县(市、区)级", "county"],
    ["县（市、区）级", "county"],
    ["縣（市、區）級", "county"],
    ["县级示范点", "county"],
    ["县", "county"],
    ["区县级", "county"],
    ["县市区级示范点", "county"],
  ])("reads %s as %s", (typed, tier) => {
    expect(normalizeTier(text(typed))).toEqual({ kind: "tier", tier: tier as TierCode });
  });

  it.each([
    ["国家级", text("国家级")],
    ["乡镇级", text("乡镇级")],
    ["村级", text("村级")],
    ["示范点 alone", text("示范点")],
    ["省市级 (two tiers)", text("省市级")],
    ["a number", num(1)],
    ["a boolean", bool(true)],
    ["an error", err("#N/A")],
  ])("refuses %s", (_case, cell) => {
    expect(normalizeTier(cell)).toEqual({ kind: "invalid" });
  });

  it.each([
    ["null", null],
    ["empty text", text("")],
    ["spaces", text("   ")],
  ])("calls %s blank", (_case, cell) => {
    expect(normalizeTier(cell)).toEqual({ kind: "blank" });
  });
});
