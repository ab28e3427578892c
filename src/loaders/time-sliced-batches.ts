/** How long batches may follow each other in one turn of the event loop before the next waits for a turn. */
const SLICE_MS = 20;

/**
 * Batches cut off from their turn wait here, every request's in arrival order, and run one per turn. Node drains
 * promise jobs after each setImmediate callback, so a turn runs one batch and what its results trigger; between
 * turns the loop reads sockets and fires timers.
 */
const dueBatches: (() => void)[] = [];
let draining = false;
/** When the running turn's first batch was scheduled (0: none yet); cleared by the next turn. */
let sliceStartedAt = 0;
const resolved = Promise.resolve();

function dispatchNext(): void {
  dueBatches.shift()?.();
  if (dueBatches.length) setImmediate(dispatchNext);
  else draining = false;
}

function endSlice(): void {
  sliceStartedAt = 0;
}

/**
 * DataLoader's own scheduling (after the current promise jobs) while the turn is young, so a light query runs
 * as fast as ever; once batches have kept the loop for SLICE_MS, the next one waits for a turn of its own.
 */
export function timeSliced(dispatch: () => void): void {
  const now = performance.now();
  if (sliceStartedAt === 0) {
    sliceStartedAt = now;
    setImmediate(endSlice);
  } else if (now - sliceStartedAt > SLICE_MS) {
    dueBatches.push(dispatch);
    if (!draining) {
      draining = true;
      setImmediate(dispatchNext);
    }
    return;
  }
  void resolved.then(() => process.nextTick(dispatch));
}
