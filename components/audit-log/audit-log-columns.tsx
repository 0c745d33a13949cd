import type { ColumnDef } from "@tanstack/react-table";
import type { AuditLogRow } from "@/lib/console/list-audit-log";
import { RoleBadge, StatusBadge } from "@/components/ui/badge";
import { CopyButton } from "@/components/ui/copy-button";
import { DateTime } from "@/components/ui/date-time";
import { Mono } from "@/components/ui/mono";
import { TextLink } from "@/components/ui/text-link";

/** Console pages that exist for an audit target type; other targets are shown as plain text. */
const TARGET_ROUTES: Record<string, string> = {
  user: "/users",
  app_user: "/users",
  vault: "/vaults",
  tss_request: "/tss-requests",
  "tss-request": "/tss-requests",
  transaction: "/transactions",
  webhook_event: "/webhooks",
  "webhook-event": "/webhooks",
};

/** The target by name (linked to its page when it has one), with its type and a copy button for its id. */
function Target({ type, id, name }: { type: string | null; id: string | null; name: string | null }) {
  if (!type && !id) return <span className="text-zinc-500">—</span>;
  const route = type && name ? TARGET_ROUTES[type] : undefined;
  const shown = name ? (
    <span className="block max-w-[18rem] truncate" title={`${name} (${id ?? ""})`}>
      {name}
    </span>
  ) : (
    <Mono value={id} className="max-w-[14rem]" />
  );
  return (
    <span className="flex min-w-0 flex-col items-start gap-0.5">
      {type ? <span className="text-xs whitespace-nowrap text-zinc-500">{type.replaceAll("_", " ")}</span> : null}
      <span className="flex min-w-0 items-center">
        {id && route ? (
          <TextLink href={`${route}/${encodeURIComponent(id)}`} className="min-w-0 font-normal">
            {shown}
          </TextLink>
        ) : (
          shown
        )}
        {id ? <CopyButton value={id} label="target id" /> : null}
      </span>
    </span>
  );
}

function Details({ items }: { items: AuditLogRow["details"] }) {
  if (items.length === 0) return <span className="text-zinc-500">—</span>;
  return (
    <dl className="grid max-w-[22rem] grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
      {items.map((item, i) => (
        <div key={i} className="contents">
          <dt className="whitespace-nowrap text-zinc-500">{item.label}</dt>
          <dd className="min-w-0 break-words text-zinc-800">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

// Column ids of sortable columns equal the server's sort keys (lib/console/list-audit-log.ts).
export const auditLogColumns: ColumnDef<AuditLogRow>[] = [
  {
    accessorKey: "createdAt",
    header: "Time",
    sortDescFirst: true,
    cell: ({ row }) => <DateTime value={row.original.createdAt} />,
  },
  {
    accessorKey: "actorEmail",
    header: "Actor",
    cell: ({ row }) => (
      <span className="block max-w-[16rem] truncate" title={row.original.actorEmail}>
        {row.original.actorEmail}
      </span>
    ),
  },
  {
    id: "actorRole",
    header: "Role",
    cell: ({ row }) => <RoleBadge role={row.original.actorRole} />,
  },
  {
    accessorKey: "action",
    header: "Action",
    cell: ({ row }) => <Mono value={row.original.action} className="max-w-[14rem]" />,
  },
  {
    id: "target",
    header: "Target",
    cell: ({ row }) => <Target type={row.original.targetType} id={row.original.targetId} name={row.original.targetName} />,
  },
  {
    accessorKey: "outcome",
    header: "Outcome",
    cell: ({ row }) => <StatusBadge subject="audit_outcome" status={row.original.outcome} />,
  },
  {
    id: "details",
    header: "Details",
    cell: ({ row }) => <Details items={row.original.details} />,
  },
];
