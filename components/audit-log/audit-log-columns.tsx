import type { ColumnDef } from "@tanstack/react-table";
import type { AuditLogRow } from "@/lib/server/console/list-audit-log";
import { RoleBadge, StatusBadge } from "@/components/ui/badge";
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

function Target({ type, id }: { type: string | null; id: string | null }) {
  if (!type && !id) return <span className="text-zinc-400">—</span>;
  const route = type ? TARGET_ROUTES[type] : undefined;
  return (
    <span className="flex min-w-0 items-center gap-1.5">
      {type ? <span className="text-xs whitespace-nowrap text-zinc-500">{type}</span> : null}
      {id && route ? (
        <TextLink href={`${route}/${encodeURIComponent(id)}`} className="font-normal">
          <Mono value={id} className="max-w-[12rem]" />
        </TextLink>
      ) : (
        <Mono value={id} className="max-w-[12rem]" />
      )}
    </span>
  );
}

// Column ids of sortable columns equal the server's sort keys (lib/server/console/list-audit-log.ts).
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
    cell: ({ row }) => <Target type={row.original.targetType} id={row.original.targetId} />,
  },
  {
    accessorKey: "outcome",
    header: "Outcome",
    cell: ({ row }) => <StatusBadge status={row.original.outcome} />,
  },
  {
    id: "details",
    header: "Details",
    cell: ({ row }) =>
      row.original.details ? (
        <span className="block max-w-[18rem] truncate font-mono text-xs text-zinc-500" title={row.original.details}>
          {row.original.details}
        </span>
      ) : (
        <span className="text-zinc-400">—</span>
      ),
  },
];
