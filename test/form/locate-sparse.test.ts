/**
 * A sheet names XFD1048576 beside the form (a fuzzed file found it): the locator and the
 * roster reader must cost what the sheet holds, not the rectangle it names. Before, locating
 * such a sheet walked 1,048,576 × 16,384 coordinates and never finished.
 */
import { gridFromValues, type SheetGrid } from "../../src/form/grid";
import { locateReport } from "../../src/form/locate";
import { rosterFromGrid } from "../../src/form/roster";
import { ANNEX } from "../../src/form/spec";
import { annexGrid } from "./builders";

function withFarCell(grid: SheetGrid): SheetGrid {
  const cells = grid.cells.slice();
  const row: SheetGrid["cells"][number] = [];
  row[16383] = { value: 1 };
  cells[1048575 - grid.top] = row;
  return { ...grid, cells };
}

describe("sparse grids", () => {
  it("locates the form on a sheet that also holds XFD1048576, in well under a second", () => {
    const t0 = Date.now();
    const r = locateReport(withFarCell(annexGrid()), ANNEX);
    expect(r?.items).toHaveLength(11);
    expect(r?.unit?.name).toBe("云集镇");
    // Generous: the dense walk took hours; the sparse one takes milliseconds.
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it("ends the item table after six blank rows the sheet does not hold", () => {
    const g = annexGrid();
    const last = ANNEX.items[ANNEX.items.length - 1];
    const at = g.cells.findIndex((row) => row?.[0]?.value === last.label);
    expect(at).toBeGreaterThan(0);
    const cells = g.cells.slice();
    // The last item's row moved far below the table: it is not part of the table any more.
    cells[200] = cells[at];
    delete cells[at];
    const r = locateReport({ ...g, cells }, ANNEX);
    expect(r?.items.map((i) => i.item)).not.toContain(last.id);
  });

  it("reads a roster whose sheet names a far cell", () => {
    const grid = gridFromValues("单位名册", [["云集镇"], ["泉湖镇"]]);
    const roster = rosterFromGrid(withFarCell(grid));
    expect(roster.units.map((u) => u.name)).toEqual(["云集镇", "泉湖镇"]);
  });
});
