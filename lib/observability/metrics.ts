import client from "prom-client";
import { processSlot } from "@/lib/process-state";

// Prometheus metrics. One registry per process (a process-state slot), so no route registers twice.

type Metrics = {
  registry: client.Registry;
  httpRequests: client.Counter<"route" | "method" | "status">;
  httpDuration: client.Histogram<"route" | "method">;
  jobs: client.Counter<"job" | "outcome">;
  webhooks: client.Counter<"type" | "result">;
  coboCalls: client.Counter<"operation" | "outcome">;
};

function create(): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service: "ucw-console" });
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpRequests: new client.Counter({
      name: "ucw_http_requests_total",
      help: "HTTP requests handled, by route pattern, method and status",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: "ucw_http_request_duration_seconds",
      help: "HTTP request latency by route pattern and method",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    jobs: new client.Counter({
      name: "ucw_jobs_total",
      help: "Background jobs run, by job name and outcome",
      labelNames: ["job", "outcome"],
      registers: [registry],
    }),
    webhooks: new client.Counter({
      name: "ucw_webhooks_total",
      help: "Cobo webhooks and callbacks received, by event type and result",
      labelNames: ["type", "result"],
      registers: [registry],
    }),
    coboCalls: new client.Counter({
      name: "ucw_cobo_calls_total",
      help: "Calls to Cobo's WaaS API, by operation and outcome",
      labelNames: ["operation", "outcome"],
      registers: [registry],
    }),
  };
}

/** The process-wide metrics. */
export const metrics: Metrics = processSlot("metrics", create, { envDerived: false }).get();
