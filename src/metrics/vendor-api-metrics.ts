import { Counter, Gauge, Registry } from "prom-client";
import { PRIORITY_ORDER } from "../common/request-priority";
import type { CreditLedger } from "../remote/transport/credit-ledger";
import type { RequestScheduler } from "../remote/transport/request-scheduler";
import type { ZohoSystem } from "../remote/transport/data-centres";

/**
 * Prometheus metrics of the vendor APIs (src/remote/transport): requests by status, 429s, retries, token
 * requests, each org's rolling 24-hour credit use and what is left, and the request budget's queue. Gauges are
 * read from the transports on scrape. Merged into /metrics by GatewayMetrics.
 */
export class VendorApiMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"system" | "status">;
  private readonly rateLimited: Counter<"system">;
  private readonly retries: Counter<"system" | "reason">;
  private readonly tokenRequests: Counter<"systems" | "outcome">;
  private readonly ledgers = new Map<ZohoSystem, CreditLedger>();
  private readonly schedulers = new Map<ZohoSystem, RequestScheduler>();

  constructor() {
    const registers = [this.registry];
    this.requests = new Counter({
      name: "gateway_vendor_api_requests_total",
      help: "Requests to the vendors' REST APIs by system (crm, fsm) and HTTP status (network_error when none came back).",
      labelNames: ["system", "status"],
      registers,
    });
    this.rateLimited = new Counter({
      name: "gateway_vendor_api_rate_limited_total",
      help: "429 replies from the vendors' APIs, by system.",
      labelNames: ["system"],
      registers,
    });
    this.retries = new Counter({
      name: "gateway_vendor_api_retries_total",
      help: "Requests sent again by the transport, by system and reason (rate_limited, server_error, network_error, invalid_token).",
      labelNames: ["system", "reason"],
      registers,
    });
    this.tokenRequests = new Counter({
      name: "gateway_vendor_token_requests_total",
      help: "Access-token requests to Zoho Accounts by the systems sharing the refresh token and outcome (issued, failed, limited = held back by the token-issue limit).",
      labelNames: ["systems", "outcome"],
      registers,
    });
    const ledgers = this.ledgers;
    const schedulers = this.schedulers;
    new Gauge({
      name: "gateway_vendor_api_credits_used",
      help: "API credits spent by this process in the rolling 24-hour window, by system (CRM credits per call; FSM one per call).",
      labelNames: ["system"],
      registers,
      collect() {
        this.reset();
        for (const [system, ledger] of ledgers) this.set({ system }, ledger.used());
      },
    });
    new Gauge({
      name: "gateway_vendor_api_credits_remaining",
      help: "API credits left in the org's rolling 24-hour budget: the vendor's X-API-CREDITS-REMAINING once sent, else the configured budget minus this process's use.",
      labelNames: ["system"],
      registers,
      collect() {
        this.reset();
        for (const [system, ledger] of ledgers) this.set({ system }, ledger.remaining());
      },
    });
    new Gauge({
      name: "gateway_vendor_api_requests_in_flight",
      help: "Requests to the vendors' APIs under way, by system.",
      labelNames: ["system"],
      registers,
      collect() {
        this.reset();
        for (const [system, scheduler] of schedulers) this.set({ system }, scheduler.active);
      },
    });
    new Gauge({
      name: "gateway_vendor_api_requests_waiting",
      help: "Requests waiting for the org's request budget, by system and priority (interactive, sync, bulk).",
      labelNames: ["system", "priority"],
      registers,
      collect() {
        this.reset();
        for (const [system, scheduler] of schedulers) for (const priority of PRIORITY_ORDER) this.set({ system, priority }, scheduler.waiting(priority));
      },
    });
  }

  /** A system's transport registers its budget once. */
  track(system: ZohoSystem, ledger: CreditLedger, scheduler: RequestScheduler): void {
    this.ledgers.set(system, ledger);
    this.schedulers.set(system, scheduler);
  }

  recordResponse(system: ZohoSystem, status: number | "network_error"): void {
    this.requests.inc({ system, status: String(status) });
    if (status === 429) this.rateLimited.inc({ system });
  }

  recordRetry(system: ZohoSystem, reason: "rate_limited" | "server_error" | "network_error" | "invalid_token"): void {
    this.retries.inc({ system, reason });
  }

  recordTokenRequest(systems: string, outcome: "issued" | "failed" | "limited"): void {
    this.tokenRequests.inc({ systems, outcome });
  }
}
