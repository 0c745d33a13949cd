"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DenialReason, TssDay, VolumePoint, WebhookDay } from "@/lib/console/get-insights";

// The Insights page's charts (Recharts, drawn in the browser). Each chart has its numbers as a
// table under "Show the data", for screen readers and for copying.

const COLORS = { green: "#059669", red: "#dc2626", amber: "#d97706", blue: "#2563eb", violet: "#7c3aed", grey: "#71717a" };
const HEIGHT = 220;
const shortDay = (day: string) => day.slice(5);

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-zinc-600 hover:text-zinc-900">Show the data</summary>
      <div className="mt-2 max-h-64 overflow-auto">
        <table className="w-full text-left tabular-nums">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="border-b border-zinc-200 px-2 py-1 font-medium text-zinc-700">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j} className="border-b border-zinc-100 px-2 py-1 text-zinc-800">
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const fmt = (n: number | null, unit = "") => (n === null ? "—" : `${Number.isInteger(n) ? n : n.toFixed(1)}${unit}`);

/** Completed deposits and withdrawals per day, for one token at a time. */
export function VolumeChart({ dayList, volume, tokens }: { dayList: string[]; volume: VolumePoint[]; tokens: string[] }) {
  const [token, setToken] = useState(tokens[0] ?? "");
  if (tokens.length === 0) return <p className="text-sm text-zinc-600">No deposit or withdrawal completed in this window.</p>;
  const byDay = new Map(volume.filter((v) => v.tokenId === token).map((v) => [v.day, v]));
  const data = dayList.map((day) => {
    const v = byDay.get(day);
    return {
      day,
      deposits: Number(v?.deposits ?? 0),
      withdrawals: Number(v?.withdrawals ?? 0),
      depositCount: v?.depositCount ?? 0,
      withdrawalCount: v?.withdrawalCount ?? 0,
    };
  });
  return (
    <div>
      <label className="mb-2 flex items-center gap-2 text-xs text-zinc-700">
        Token
        <select
          value={token}
          onChange={(e) => setToken(e.target.value)}
          className="rounded border border-zinc-300 bg-white px-1.5 py-0.5 text-xs"
        >
          {tokens.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <ResponsiveContainer width="100%" height={HEIGHT}>
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} />
          <YAxis fontSize={11} width={56} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="deposits" name={`Deposits (${token})`} fill={COLORS.green} />
          <Bar dataKey="withdrawals" name={`Withdrawals (${token})`} fill={COLORS.blue} />
        </BarChart>
      </ResponsiveContainer>
      <DataTable
        caption={`Completed deposits and withdrawals of ${token} per day`}
        head={["Day (UTC)", "Deposits", "Deposit count", "Withdrawals", "Withdrawal count"]}
        rows={data
          .filter((d) => d.depositCount + d.withdrawalCount > 0)
          .map((d) => [d.day, byDay.get(d.day)?.deposits ?? "0", d.depositCount, byDay.get(d.day)?.withdrawals ?? "0", d.withdrawalCount])}
      />
    </div>
  );
}

/** TSS requests per day of creation by outcome, and how long Success took. */
export function TssChart({ tss }: { tss: TssDay[] }) {
  const minutes = tss.map((d) => ({
    day: d.day,
    p50: d.approveP50Seconds === null ? null : d.approveP50Seconds / 60,
    p90: d.approveP90Seconds === null ? null : d.approveP90Seconds / 60,
  }));
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h3 className="mb-1 text-xs font-medium text-zinc-700">Outcomes, by day created</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={tss} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="succeeded" name="Success" stackId="o" fill={COLORS.green} />
            <Bar dataKey="failed" name="Failed or cancelled" stackId="o" fill={COLORS.red} />
            <Bar dataKey="open" name="Still open" stackId="o" fill={COLORS.amber} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-medium text-zinc-700">Time to Success (minutes)</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={minutes} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} />
            <YAxis fontSize={11} width={40} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line dataKey="p50" name="median" stroke={COLORS.blue} dot={false} connectNulls />
            <Line dataKey="p90" name="90th percentile" stroke={COLORS.violet} dot={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="md:col-span-2">
        <DataTable
          caption="TSS requests per day created: outcomes and time to Success"
          head={["Day (UTC)", "Success", "Failed or cancelled", "Still open", "Median to Success (s)", "p90 to Success (s)"]}
          rows={tss
            .filter((d) => d.succeeded + d.failed + d.open > 0)
            .map((d) => [d.day, d.succeeded, d.failed, d.open, fmt(d.approveP50Seconds), fmt(d.approveP90Seconds)])}
        />
      </div>
    </div>
  );
}

/** Webhook deliveries per day (received, applied) and Cobo-to-us latency. */
export function WebhookChart({ webhooks }: { webhooks: WebhookDay[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div>
        <h3 className="mb-1 text-xs font-medium text-zinc-700">Deliveries received and applied</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <BarChart data={webhooks} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={48} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="received" name="Received" fill={COLORS.grey} />
            <Bar dataKey="applied" name="Applied or ignored" fill={COLORS.green} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div>
        <h3 className="mb-1 text-xs font-medium text-zinc-700">Latency from Cobo&apos;s event to our receipt (ms)</h3>
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart data={webhooks} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} />
            <YAxis fontSize={11} width={48} />
            <Tooltip />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line dataKey="latencyP50Ms" name="median" stroke={COLORS.blue} dot={false} connectNulls />
            <Line dataKey="latencyP95Ms" name="95th percentile" stroke={COLORS.violet} dot={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <div className="md:col-span-2">
        <DataTable
          caption="Webhook deliveries per day: received, applied and latency"
          head={["Day (UTC)", "Received", "Applied or ignored", "Median latency (ms)", "p95 latency (ms)"]}
          rows={webhooks.filter((d) => d.received > 0).map((d) => [d.day, d.received, d.applied, fmt(d.latencyP50Ms), fmt(d.latencyP95Ms)])}
        />
      </div>
    </div>
  );
}

/** Risk-control denials in the window by reason code. */
export function DenialsChart({ denials }: { denials: DenialReason[] }) {
  if (denials.length === 0) return <p className="text-sm text-zinc-600">No withdrawal was denied in this window.</p>;
  return (
    <div>
      <ResponsiveContainer width="100%" height={Math.max(120, denials.length * 32 + 40)}>
        <BarChart data={denials} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} fontSize={11} />
          <YAxis type="category" dataKey="code" width={160} fontSize={11} />
          <Tooltip />
          <Bar dataKey="count" name="Denials" fill={COLORS.red} />
        </BarChart>
      </ResponsiveContainer>
      <DataTable caption="Risk-control denials by reason" head={["Reason", "Denials"]} rows={denials.map((d) => [d.code, d.count])} />
    </div>
  );
}
