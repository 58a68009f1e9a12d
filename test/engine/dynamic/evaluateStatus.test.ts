import type { IsoDate } from "../../../src/engine/core/IsoDate";
import {
  evaluateStatus,
  type DynamicInputs,
  type DynamicParams,
  type DynamicStatus,
} from "../../../src/engine/dynamic/evaluateStatus";

const params: DynamicParams = {
  asOf: "2014-06-30" as IsoDate,
  cycleMonths: 24,
  windowDays: 90,
  passLine: 85,
};

function site(
  awardedOn: string | null,
  review: { on?: string; score?: number; veto?: boolean } = {},
  cycle: { total?: number; veto?: boolean } = {}
): DynamicInputs {
  return {
    awardedOn: awardedOn as IsoDate | null,
    lastReviewOn: (review.on ?? null) as IsoDate | null,
    lastReviewScore: review.score ?? null,
    lastReviewVeto: review.veto ?? null,
    cycleTotal: cycle.total ?? null,
    cycleVeto: cycle.veto ?? null,
  };
}

const statusOf = (inputs: DynamicInputs, p: DynamicParams = params): DynamicStatus | null =>
  evaluateStatus(inputs, p).status;

describe("evaluateStatus: a register of 18 awarded sites as of 2014-06-30", () => {
  // Each expectation reasoned from RULES §5 with a 24-month cycle, a 90-day window and pass line 85.
  it.each<[string, DynamicInputs, DynamicStatus, string]>([
    ["due two days ago", site("2012-06-28"), "逾期", "2014-06-28"],
    ["due today", site("2012-06-30"), "待考评", "2014-06-30"],
    ["due yesterday", site("2012-06-29"), "逾期", "2014-06-29"],
    ["due in exactly 90 days", site("2012-09-28"), "待考评", "2014-09-28"],
    ["due in 91 days", site("2012-09-29"), "正常", "2014-09-29"],
    [
      "reviewed 91.5, not yet due",
      site("2012-07-01", { on: "2013-12-20", score: 91.5, veto: false }),
      "正常",
      "2015-12-20",
    ],
    [
      "reviewed 82, below the line",
      site("2012-07-01", { on: "2013-12-20", score: 82, veto: false }),
      "淘汰",
      "2015-12-20",
    ],
    [
      "reviewed 95 but vetoed",
      site("2012-07-01", { on: "2013-11-02", score: 95, veto: true }),
      "淘汰",
      "2015-11-02",
    ],
    ["awarded on a leap day", site("2012-02-29"), "逾期", "2014-02-28"],
    ["awarded at a month end, due within the window", site("2012-08-31"), "待考评", "2014-08-31"],
    [
      "reviewed 88, due in 154 days",
      site("2012-07-01", { on: "2012-12-01", score: 88, veto: false }),
      "正常",
      "2014-12-01",
    ],
    [
      "reviewed 86, due in 77 days",
      site("2012-07-01", { on: "2012-09-15", score: 86, veto: false }),
      "待考评",
      "2014-09-15",
    ],
    ["awarded a year ago", site("2013-07-01"), "正常", "2015-07-01"],
    [
      "reviewed exactly at the pass line",
      site("2012-07-01", { on: "2013-06-30", score: 85, veto: false }),
      "正常",
      "2015-06-30",
    ],
    [
      "reviewed one hundredth below the line",
      site("2012-07-01", { on: "2013-06-30", score: 84.99, veto: false }),
      "淘汰",
      "2015-06-30",
    ],
    ["awarded at a year end", site("2011-12-31"), "逾期", "2013-12-31"],
    ["awarded on the first of December", site("2012-12-01"), "正常", "2014-12-01"],
    [
      "reviewed before its award date",
      site("2012-10-01", { on: "2012-07-01", score: 90, veto: false }),
      "正常",
      "2014-10-01",
    ],
  ])("%s → %s", (_case, inputs, status, nextDue) => {
    expect(evaluateStatus(inputs, params)).toMatchObject({ status, nextDue });
  });
});

describe("evaluateStatus: dates", () => {
  it("counts from the later of the award and the last review", () => {
    expect(evaluateStatus(site("2012-07-01", { on: "2013-03-15", score: 90 }), params)).toEqual({
      lastAssessed: "2013-03-15",
      nextDue: "2015-03-15",
      daysToDue: 258,
      status: "正常",
    });
  });

  it("counts days to due negative once overdue", () => {
    expect(evaluateStatus(site("2012-06-28"), params).daysToDue).toBe(-2);
    expect(evaluateStatus(site("2012-06-30"), params).daysToDue).toBe(0);
  });

  it("adds calendar months like EDATE, clamping to the month end", () => {
    expect(evaluateStatus(site("2012-02-29"), params).nextDue).toBe("2014-02-28");
    expect(evaluateStatus(site("2012-02-29"), { ...params, cycleMonths: 48 }).nextDue).toBe(
      "2016-02-29"
    );
    expect(evaluateStatus(site("2013-01-31"), { ...params, cycleMonths: 1 }).nextDue).toBe(
      "2013-02-28"
    );
    expect(evaluateStatus(site("2013-08-31"), { ...params, cycleMonths: 12 }).nextDue).toBe(
      "2014-08-31"
    );
  });

  it("gives a row without an award date nothing, whatever else it holds", () => {
    expect(
      evaluateStatus(site(null, { on: "2013-01-01", score: 50 }, { total: 10 }), params)
    ).toEqual({
      lastAssessed: null,
      nextDue: null,
      daysToDue: null,
      status: null,
    });
  });
});

describe("evaluateStatus: status boundaries", () => {
  it("opens the window exactly windowDays before the due date", () => {
    // Due 2014-09-28; 2014-06-30 is 90 days before, 2014-06-29 is 91.
    expect(statusOf(site("2012-09-28"))).toBe("待考评");
    expect(statusOf(site("2012-09-28"), { ...params, asOf: "2014-06-29" as IsoDate })).toBe("正常");
  });

  it("is due soon on the due date itself and overdue the day after", () => {
    expect(statusOf(site("2012-06-30"))).toBe("待考评");
    expect(statusOf(site("2012-06-30"), { ...params, asOf: "2014-07-01" as IsoDate })).toBe("逾期");
  });

  it("honours a shorter cycle and a zero window", () => {
    expect(statusOf(site("2013-06-30"), { ...params, cycleMonths: 12, windowDays: 0 })).toBe(
      "待考评"
    );
    expect(statusOf(site("2013-07-01"), { ...params, cycleMonths: 12, windowDays: 0 })).toBe(
      "正常"
    );
  });

  it("retains a site whose cycle total passes, even when overdue", () => {
    expect(statusOf(site("2011-01-01", {}, { total: 85 }))).toBe("保留");
  });

  it("eliminates a site whose cycle total fails or is vetoed", () => {
    expect(statusOf(site("2013-01-01", {}, { total: 84.99 }))).toBe("淘汰");
    expect(statusOf(site("2013-01-01", {}, { total: 99, veto: true }))).toBe("淘汰");
  });

  it("judges by the cycle total, not an older failing review", () => {
    expect(statusOf(site("2012-07-01", { on: "2013-01-01", score: 60 }, { total: 90 }))).toBe(
      "保留"
    );
  });

  it("eliminates on a vetoed last review with a high score, and not on a veto without a score", () => {
    expect(statusOf(site("2013-07-01", { on: "2014-01-01", score: 99, veto: true }))).toBe("淘汰");
    expect(statusOf(site("2013-07-01", { on: "2014-01-01", veto: true }))).toBe("正常");
  });

  it("has no review yet: only the calendar decides", () => {
    expect(statusOf(site("2014-01-01"))).toBe("正常");
    expect(statusOf(site("2010-01-01"))).toBe("逾期");
  });

  it("reads a missing veto as 否", () => {
    expect(statusOf(site("2013-07-01", { on: "2014-01-01", score: 90 }, { total: 90 }))).toBe(
      "保留"
    );
  });
});
