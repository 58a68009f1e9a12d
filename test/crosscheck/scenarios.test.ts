import {
  BAIQIANWAN_MAXIMA,
  SCENARIO_SPECS,
  WUHAO_MAXIMA,
  buildScenario,
  scoresForPanel,
  seededRandom,
  BAD_ENTRY_PURPOSES,
  RATER_EDGE_PURPOSES,
} from "./scenarios";

describe("seededRandom", () => {
  it("repeats its sequence for a seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it("differs between seeds and stays in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(8);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(a()).not.toBe(b());
  });
});

describe("scoresForPanel", () => {
  it.each([
    [85, BAIQIANWAN_MAXIMA],
    [84.5, BAIQIANWAN_MAXIMA],
    [100, BAIQIANWAN_MAXIMA],
    [0, BAIQIANWAN_MAXIMA],
    [87.5, WUHAO_MAXIMA],
  ])("spreads %p over %p in half steps within each maximum", (panel, maxima) => {
    const scores = scoresForPanel(panel, maxima);
    expect(scores.reduce((sum, s) => sum + s, 0)).toBe(panel);
    scores.forEach((score, i) => {
      expect(score * 2).toBe(Math.round(score * 2));
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(maxima[i]!);
    });
  });

  it("refuses a panel that half steps cannot reach", () => {
    expect(() => scoresForPanel(85.25, BAIQIANWAN_MAXIMA)).toThrow(RangeError);
    expect(() => scoresForPanel(100.5, BAIQIANWAN_MAXIMA)).toThrow(RangeError);
  });
});

describe("buildScenario", () => {
  const scenarios = SCENARIO_SPECS.map(buildScenario);

  it("is reproducible", () => {
    expect(buildScenario(SCENARIO_SPECS[0]!)).toEqual(scenarios[0]);
  });

  it("gives every nominee one score row per judge and one score per criterion, in half steps within the maximum", () => {
    for (const scenario of scenarios) {
      for (const nominee of scenario.nominees) {
        expect(nominee.inputs.scores).toHaveLength(scenario.judges);
        if (BAD_ENTRY_PURPOSES.has(nominee.purpose)) continue;
        for (const row of nominee.inputs.scores) {
          expect(row).toHaveLength(scenario.maxima.length);
          row.forEach((score, c) => {
            if (score === null) return;
            expect(score * 2).toBe(Math.round(score * 2));
            expect(score).toBeLessThanOrEqual(scenario.maxima[c]!);
          });
        }
      }
    }
  });

  it("breaks those rules on purpose only in the bad-entry nominees (RULES §4.3)", () => {
    const offRules = scenarios.flatMap((scenario) =>
      scenario.nominees.filter((nominee) =>
        nominee.inputs.scores.some((row) =>
          row.some(
            (score, c) =>
              score !== null &&
              (score * 2 !== Math.round(score * 2) || score < 0 || score > scenario.maxima[c]!)
          )
        )
      )
    );
    expect(offRules.length).toBeGreaterThan(0);
    for (const nominee of offRules) expect(BAD_ENTRY_PURPOSES.has(nominee.purpose)).toBe(true);
  });

  it("covers the cases of the cross-check across the workbooks", () => {
    const all = scenarios.flatMap((s) => s.nominees.map((n) => ({ s, n })));
    const present = (scores: (number | null)[][], c: number): number =>
      scores.filter((row) => row[c] !== null).length;
    const judgesPresent = all.map(({ n }) =>
      Math.min(...n.inputs.scores[0]!.map((_, c) => present(n.inputs.scores, c)))
    );
    expect(judgesPresent.some((k) => k < 3)).toBe(true); // incomplete rows
    expect(judgesPresent.some((k) => k === 3 || k === 4)).toBe(true); // plain mean
    expect(judgesPresent.some((k) => k >= 5)).toBe(true); // highest and lowest dropped
    expect(all.some(({ n }) => n.inputs.scores.some((row) => row.some((x) => x === null)))).toBe(
      true
    ); // abstentions
    expect(all.some(({ n }) => n.inputs.veto === true)).toBe(true);
    expect(all.some(({ n }) => n.inputs.veto === null)).toBe(true);
    expect(all.some(({ n }) => n.inputs.satisfaction === null)).toBe(true);
    expect(new Set(all.map(({ n }) => n.tier))).toEqual(new Set(["province", "city", "county"]));
    expect(new Set(scenarios.map((s) => s.judges))).toEqual(new Set([3, 4, 5, 7]));
    expect(scenarios.some((s) => s.rubric === "wuhao")).toBe(true);
    expect(all.filter(({ n }) => n.purpose === "总分恰为85.00")).toHaveLength(5);
  });

  it("covers 三评议's rater group: too few, plain mean, dropped extremes, abstentions (RULES §4.1)", () => {
    const rated = scenarios
      .filter((s) => s.rubric === "sanpingyi")
      .flatMap((s) => s.nominees.map((n) => n.inputs.raters?.["peers"] ?? []));
    expect(rated.length).toBeGreaterThan(40);
    const present = rated.map((peers) => peers.filter((x) => x !== null).length);
    expect(present.some((k) => k < 3)).toBe(true);
    expect(present.some((k) => k === 3 || k === 4)).toBe(true);
    expect(present.some((k) => k >= 5)).toBe(true);
    expect(
      rated.some((peers) => peers.some((x) => x === null) && peers.some((x) => x !== null))
    ).toBe(true);
  });

  it("breaks a rater's rules on purpose only in the rater edge nominees (RULES §4.3)", () => {
    const edges: ReadonlySet<string> = new Set(Object.values(RATER_EDGE_PURPOSES));
    const offRules = scenarios.flatMap((scenario) =>
      scenario.nominees.filter(
        (nominee) =>
          (nominee.inputs.raters?.["peers"] ?? []).some(
            (x) => x !== null && (x * 2 !== Math.round(x * 2) || x < 0 || x > 100)
          ) || (nominee.inputs.typed ?? []).some((entry) => "group" in entry)
      )
    );
    expect(offRules.length).toBe(5);
    for (const nominee of offRules) expect(edges.has(nominee.purpose)).toBe(true);
  });
});
