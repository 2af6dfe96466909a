import { Pie } from "@visx/shape";
import type { ComplianceState } from "@/lib/policy/project";

export type ChartSlice = { state: ComplianceState; label: string; count: number };

/** One colour per state, the table's badges' hues, readable beside each other in the legend. */
export const STATE_COLOURS: Record<ComplianceState, string> = {
  compliant: "#059669",
  exempt: "#0284c7",
  grace: "#d97706",
  not_compliant: "#dc2626",
};

const SIZE = 128;
const RADIUS = SIZE / 2;

/**
 * A ring of the members by compliance, drawn on the server as SVG (no JavaScript in the
 * browser). The picture is decoration for sighted readers: its text equivalent is the summary
 * it is labelled by and the legend beside it, which list the same numbers.
 */
export function ComplianceChart({ slices, labelledBy, centre }: { slices: ChartSlice[]; labelledBy: string; centre: string }) {
  const shown = slices.filter((slice) => slice.count > 0);
  return (
    <div className="flex flex-wrap items-center gap-6">
      <svg width={SIZE} height={SIZE} viewBox={`0 0 ${SIZE} ${SIZE}`} role="img" aria-labelledby={labelledBy} className="shrink-0">
        <Pie
          data={shown}
          pieValue={(slice) => slice.count}
          pieSort={null}
          pieSortValues={null}
          outerRadius={RADIUS}
          innerRadius={RADIUS - 18}
          padAngle={shown.length > 1 ? 0.02 : 0}
          top={RADIUS}
          left={RADIUS}
          fill={(arc) => STATE_COLOURS[arc.data.state]}
        />
        <text x={RADIUS} y={RADIUS} textAnchor="middle" dominantBaseline="central" className="fill-slate-900 text-lg font-semibold" aria-hidden="true">
          {centre}
        </text>
      </svg>
      <ul className="space-y-1 text-sm text-slate-700">
        {slices.map((slice) => (
          <li key={slice.state} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block size-3 rounded-sm" style={{ backgroundColor: STATE_COLOURS[slice.state] }} />
            <span>{slice.label}</span>
            <span className="font-medium tabular-nums text-slate-900">{slice.count}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
