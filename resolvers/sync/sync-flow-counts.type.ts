import { Field, Int, ObjectType } from "type-graphql";
import { SyncFlow, SyncStatus } from "../../src/sync/history/sync-event.entity";

/** How many records one run synced, skipped and failed in one direction. */
@ObjectType({ description: "How many records one run synced, skipped and failed in one direction." })
export class SyncFlowCounts {
  @Field(() => SyncFlow) flow!: SyncFlow;
  @Field(() => Int) synced!: number;
  @Field(() => Int) skipped!: number;
  @Field(() => Int) failed!: number;
}

const COUNTED: Partial<Record<SyncStatus, "synced" | "skipped" | "failed">> = {
  [SyncStatus.SYNCED]: "synced",
  [SyncStatus.SKIPPED]: "skipped",
  [SyncStatus.FAILED]: "failed",
};

/** Both directions, always in the same order, zeros included: a run's rows of `SyncHistory.counts`. */
export function flowCountsOf(rows: readonly { flow: SyncFlow; status: SyncStatus; count: number }[]): SyncFlowCounts[] {
  return [SyncFlow.CRM_TO_FSM, SyncFlow.FSM_TO_CRM].map((flow) => {
    const counts = Object.assign(new SyncFlowCounts(), { flow, synced: 0, skipped: 0, failed: 0 });
    for (const row of rows) {
      const key = COUNTED[row.status];
      if (row.flow === flow && key) counts[key] += row.count;
    }
    return counts;
  });
}
