export type NavItem = { href: string; label: string };

/** The console's sections, in sidebar order. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/needs-attention", label: "Needs attention" },
  { href: "/approvals", label: "Approvals" },
  { href: "/insights", label: "Insights" },
  { href: "/users", label: "Users" },
  { href: "/vaults", label: "Vaults" },
  { href: "/tss-requests", label: "TSS requests" },
  { href: "/transactions", label: "Transactions" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/reconciliation", label: "Reconciliation" },
  { href: "/risk", label: "Risk" },
  { href: "/audit-log", label: "Audit log" },
  { href: "/settings", label: "Settings" },
  { href: "/api-reference", label: "API reference" },
];
