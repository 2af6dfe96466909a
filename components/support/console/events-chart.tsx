"use client";

import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { BarStack } from "@visx/shape";
import type { AuditChart } from "@/lib/support/audit-chart";

const COLORS = { success: "#0f766e", failure: "#dc2626" } as const;
const KEYS = ["success", "failure"] as const;
const HEIGHT = 220;
const MARGIN = { top: 8, right: 8, bottom: 28, left: 44 };

/** Follows its container's width, so a phone gets a narrower chart with readable text, not a shrunken one. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(640);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(240, Math.floor(entry.contentRect.width))));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Events per day by outcome, stacked bars (visx). The picture is for the eye (aria-hidden);
 * the same numbers are a table for screen readers, and the caption says what and when.
 */
export function EventsChart({ chart }: { chart: AuditChart }) {
  const t = useTranslations("support.chart");
  const { ref, width } = useWidth();
  const innerWidth = width - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleBand<string>({ domain: chart.days.map((day) => day.day), range: [0, innerWidth], padding: 0.2 });
  const max = Math.max(1, ...chart.days.map((day) => day.success + day.failure));
  const y = scaleLinear<number>({ domain: [0, max], range: [innerHeight, 0], nice: true });
  const color = (key: string) => COLORS[key as keyof typeof COLORS];
  // A date label every ~70 px, so they never overlap.
  const every = Math.max(1, Math.ceil(chart.days.length / Math.max(1, Math.floor(innerWidth / 70))));
  const tickValues = chart.days.filter((_, index) => index % every === 0).map((day) => day.day);
  const totals = chart.days.reduce((sum, day) => ({ success: sum.success + day.success, failure: sum.failure + day.failure }), { success: 0, failure: 0 });

  return (
    <figure className="min-w-0">
      <figcaption className="text-sm text-slate-700">
        {t("caption", { from: chart.from, to: chart.to })} <span className="text-slate-500">{t("total", totals)}</span>
      </figcaption>
      <ul className="mt-2 flex flex-wrap gap-4 text-xs text-slate-700" aria-hidden="true">
        {KEYS.map((key) => (
          <li key={key} className="flex items-center gap-1.5">
            <span className="inline-block size-3 rounded-sm" style={{ background: COLORS[key] }} />
            {t(key)}
          </li>
        ))}
      </ul>
      <div ref={ref} className="mt-2 w-full overflow-hidden">
        <svg width={width} height={HEIGHT} aria-hidden="true" className="block max-w-full">
          <Group left={MARGIN.left} top={MARGIN.top}>
            <BarStack data={chart.days} keys={[...KEYS]} x={(day) => day.day} xScale={x} yScale={y} color={color}>
              {(stacks) =>
                stacks.map((stack) =>
                  stack.bars.map((bar) =>
                    bar.height > 0 ? <rect key={`${stack.index}-${bar.index}`} x={bar.x} y={bar.y} width={bar.width} height={bar.height} fill={bar.color} /> : null,
                  ),
                )
              }
            </BarStack>
            <AxisLeft scale={y} numTicks={4} tickFormat={(value) => Number(value).toLocaleString()} stroke="#cbd5e1" tickStroke="#cbd5e1" tickLabelProps={{ fill: "#475569", fontSize: 11, textAnchor: "end", dx: -4, dy: 3 }} />
            <AxisBottom top={innerHeight} scale={x} tickValues={tickValues} tickFormat={(day) => day.slice(5)} stroke="#cbd5e1" tickStroke="#cbd5e1" tickLabelProps={{ fill: "#475569", fontSize: 11, textAnchor: "middle" }} />
          </Group>
        </svg>
      </div>
      <table className="sr-only">
        <caption>{t("tableLabel")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("day")}</th>
            <th scope="col">{t("success")}</th>
            <th scope="col">{t("failure")}</th>
          </tr>
        </thead>
        <tbody>
          {chart.days.map((day) => (
            <tr key={day.day}>
              <th scope="row">{day.day}</th>
              <td>{day.success}</td>
              <td>{day.failure}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
