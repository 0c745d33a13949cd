import type { NodeOption } from "@/lib/console/get-user-group-options";

/** How a TSS node is named in a menu: its label (if the app gave one) and the id, which is what counts. */
export function nodeOptionLabel(node: NodeOption): string {
  return node.label ? `${node.label} · ${node.nodeId}` : node.nodeId;
}
